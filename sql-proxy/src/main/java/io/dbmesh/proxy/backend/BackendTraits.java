package io.dbmesh.proxy.backend;

import java.util.Map;

/**
 * Facts about a backend server learned once from its first connection, needed to reset session
 * state exactly: the values Connector/J's handshake left in the charset variables (not the server
 * defaults that {@code SET x = DEFAULT} would restore), the isolation variable's name (MariaDB
 * {@code tx_isolation}, MySQL 8 {@code transaction_isolation}) and its max_allowed_packet.
 *
 * @param connectValues session values of variables right after connect, by lower-case name (and
 *                      the global {@code version_comment}, what {@code @@version_comment} answers)
 */
public record BackendTraits(String version, boolean mariadb, long maxAllowedPacket, Map<String, String> connectValues) {

    /** Variables whose connect-time value differs from the server default, so a reset needs the real value. */
    static final String[] CONNECT_VARIABLES = {"character_set_client", "character_set_connection",
            "character_set_results", "collation_connection"};

    static final String VERSION_COMMENT = "version_comment";

    /** The server's {@code @@version_comment} ("" when unknown). */
    public String versionComment() {
        return connectValues.getOrDefault(VERSION_COMMENT, "");
    }

    public String isolationVariable() {
        return mariadb ? "tx_isolation" : "transaction_isolation";
    }

    public String readOnlyVariable() {
        return mariadb ? "tx_read_only" : "transaction_read_only";
    }

    /** SQL value that puts a variable back to what a fresh connection has. */
    public String resetValue(String key) {
        if (key.startsWith("@")) {
            return "NULL";
        }
        String v = connectValues.get(key);
        return v == null ? "DEFAULT" : "'" + v.replace("'", "''") + "'";
    }
}
