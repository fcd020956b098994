package io.dbmesh.proxy.sql;

import java.util.Locale;

/**
 * System variables and functions whose backend value would tell the client something false about
 * the sidecar: {@code @@max_allowed_packet} must not claim more than the sidecar accepts, and
 * {@code @@version} / {@code VERSION()} must agree with the handshake, and {@code @@version_comment}
 * is the backend's with a dbmesh mark ({@link #VERSION_COMMENT_MARK}, what the {@code mariadb} CLI prints
 * after the version). {@code DATABASE()} /
 * {@code SCHEMA()} must name the logical database, not the physical schema behind it, and
 * {@code CONNECTION_ID()} the sidecar's connection id, which KILL takes. {@code @@character_set_client}
 * is the client's, while the backend connection's stays utf8mb4 (see session.ClientCharsets).
 */
public final class SidecarVariables {

    public static final String MAX_ALLOWED_PACKET = "max_allowed_packet";
    public static final String VERSION = "version";
    public static final String VERSION_COMMENT = "version_comment";
    /** Appended to the backend's {@code @@version_comment}. */
    public static final String VERSION_COMMENT_MARK = " (via dbmesh)";
    /** The client's own: backend connections keep utf8mb4, in which Connector/J sends the text. */
    public static final String CHARACTER_SET_CLIENT = "character_set_client";

    private SidecarVariables() {
    }

    /** Whether the @@ token between start and end names a variable the sidecar answers. */
    public static boolean isAnswered(String sql, int start, int end) {
        String name = name(sql, start, end);
        return name.equals(MAX_ALLOWED_PACKET) || name.equals(VERSION) || name.equals(CHARACTER_SET_CLIENT)
                || name.equals(VERSION_COMMENT);
    }

    /** The bare, lower-case variable name of an @@ token: scope prefix and backquotes removed. */
    public static String name(String sql, int start, int end) {
        String text = sql.substring(start + 2, end).toLowerCase(Locale.ROOT).replace("`", "");
        for (String scope : new String[]{"session.", "global.", "local."}) {
            if (text.startsWith(scope)) {
                return text.substring(scope.length());
            }
        }
        return text;
    }
}
