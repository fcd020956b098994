package io.dbmesh.proxy.server;

import io.dbmesh.proxy.config.ListenerConfig;

/**
 * The version string dbmesh announces in the handshake, derived from the configured one
 * (e.g. "10.11.0-dbmesh" → "5.5.5-10.11.0-MariaDB-dbmesh"). Why this shape:
 * <ul>
 *   <li>"-MariaDB" is how MariaDB Connector/J (and the mariadb CLI) recognise a MariaDB server and
 *   enable MariaDB behaviour; dbmesh fronts MariaDB, so it says so.</li>
 *   <li>The "5.5.5-" prefix is what MariaDB servers below 11 send themselves: clients that parse
 *   the leading number as a MySQL version (MySQL Connector/J) then see 5.5.5 and use the
 *   variables a MariaDB backend has (tx_isolation, not transaction_isolation), while MariaDB
 *   clients strip the prefix and see 10.11.0.</li>
 * </ul>
 * A configured string that already contains "MariaDB" or starts with "5.5.5-", or whose major
 * version is below 10 (posing as MySQL), is used as configured apart from those two additions.
 */
public final class ServerVersion {
    private static final String REPLICATION_PREFIX = "5.5.5-";

    private ServerVersion() {
    }

    public static String announced(String configured) {
        String v = configured == null || configured.isBlank() ? ListenerConfig.DEFAULT_VERSION : configured.trim();
        if (v.startsWith(REPLICATION_PREFIX)) return v;
        int end = 0;
        while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) end++;
        int major = major(v.substring(0, end));
        if (major < 10) return v;
        if (!v.contains("MariaDB")) v = v.substring(0, end) + "-MariaDB" + v.substring(end);
        return REPLICATION_PREFIX + v;
    }

    /**
     * What {@code SELECT VERSION()} should answer, consistent with the handshake: the announced
     * string without the "5.5.5-" prefix, as a MariaDB server does ("10.11.0-MariaDB-dbmesh").
     */
    public static String reported(String configured) {
        String v = announced(configured);
        return v.startsWith(REPLICATION_PREFIX) ? v.substring(REPLICATION_PREFIX.length()) : v;
    }

    private static int major(String numeric) {
        int dot = numeric.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? numeric : numeric.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
