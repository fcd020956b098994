package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.sql.SetAssignment;
import io.dbmesh.proxy.sql.SetStatementParser;
import io.dbmesh.proxy.text.ClientCharset;
import io.dbmesh.proxy.text.HandshakeCollation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The client's character set as a session state. Connector/J always talks UTF-8 to the backend,
 * so a backend connection's {@code character_set_client} must stay utf8mb4 whatever the client
 * chose; the client's own choice lives in {@link SessionState#clientCharset}, with which the wire
 * decodes its statement bytes. {@code character_set_connection}, {@code collation_connection}
 * and {@code character_set_results} do follow the client onto the backend, so the backend
 * converts literals and results exactly as it would for that client.
 */
final class ClientCharsets {
    private static final String BACKEND_CLIENT_CHARSET = "utf8mb4";

    private ClientCharsets() {
    }

    /**
     * The charset of the handshake. UTF-8 clients (utf8mb4, utf8mb3 — the mariadb CLI's default —
     * or an id MariaDB does not know) keep the backend's utf8mb4 settings as before; any other set
     * becomes the session's connection and results charset.
     */
    static void applyHandshake(SessionState state, int collationId) {
        HandshakeCollation c = HandshakeCollation.of(collationId);
        ClientCharset cs = c == null ? ClientCharset.UTF8MB4 : c.clientCharset();
        state.clientCharset = cs.utf8() ? ClientCharset.UTF8MB4 : cs;
        if (cs.utf8()) return;
        state.connection = state.connection
                .withVariable("character_set_results", "'" + c.charset() + "'")
                .withVariable("collation_connection", "'" + c.collation() + "'");
    }

    /**
     * After a SET the backend accepted on {@code c}: when it named the client character set
     * (SET NAMES, SET CHARACTER SET, SET character_set_client), take the new value as the
     * session's and put the backend connection's back to utf8mb4.
     *
     * @return the state to carry from now on
     */
    static ConnectionState afterSet(String sql, SessionState state, ConnectionState s, BackendConnection c) throws SQLException {
        if (!namesClientCharset(sql, state)) return s;
        String charset;
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery("SELECT @@session.character_set_client")) {
            rs.next();
            charset = rs.getString(1);
        }
        state.clientCharset = ClientCharset.of(charset);
        if (!charset.equalsIgnoreCase(BACKEND_CLIENT_CHARSET)) {
            c.executeInternal("SET character_set_client = " + BACKEND_CLIENT_CHARSET);
        }
        return s.variables().containsKey("character_set_client")
                ? s.withVariable("character_set_client", "'" + BACKEND_CLIENT_CHARSET + "'") : s;
    }

    private static boolean namesClientCharset(String sql, SessionState state) {
        for (SetAssignment a : SetStatementParser.parse(sql, state.dialect)) {
            if (a instanceof SetAssignment.Charset
                    || a instanceof SetAssignment.SystemVariable v && v.name().equals("character_set_client")) {
                return true;
            }
        }
        return false;
    }
}
