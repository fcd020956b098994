package io.dbmesh.proxy.packet;

/** Capability flags of the handshake (protocol::CapabilityFlags) and what dbmesh announces. */
public final class Capabilities {
    public static final int LONG_PASSWORD = 1;
    public static final int FOUND_ROWS = 1 << 1;
    public static final int LONG_FLAG = 1 << 2;
    public static final int CONNECT_WITH_DB = 1 << 3;
    public static final int NO_SCHEMA = 1 << 4;
    public static final int COMPRESS = 1 << 5;
    public static final int ODBC = 1 << 6;
    public static final int LOCAL_FILES = 1 << 7;
    public static final int IGNORE_SPACE = 1 << 8;
    public static final int PROTOCOL_41 = 1 << 9;
    public static final int INTERACTIVE = 1 << 10;
    public static final int SSL = 1 << 11;
    public static final int IGNORE_SIGPIPE = 1 << 12;
    public static final int TRANSACTIONS = 1 << 13;
    public static final int RESERVED = 1 << 14;
    public static final int SECURE_CONNECTION = 1 << 15;
    public static final int MULTI_STATEMENTS = 1 << 16;
    public static final int MULTI_RESULTS = 1 << 17;
    public static final int PS_MULTI_RESULTS = 1 << 18;
    public static final int PLUGIN_AUTH = 1 << 19;
    public static final int CONNECT_ATTRS = 1 << 20;
    public static final int PLUGIN_AUTH_LENENC_CLIENT_DATA = 1 << 21;
    public static final int CAN_HANDLE_EXPIRED_PASSWORDS = 1 << 22;
    public static final int SESSION_TRACK = 1 << 23;
    public static final int DEPRECATE_EOF = 1 << 24;

    /**
     * MariaDB's extended capabilities (the upper 32 bits of its 64-bit flags), announced in the
     * handshake's last four reserved bytes by a server that leaves LONG_PASSWORD (CLIENT_MYSQL)
     * unset, and answered in the last four of the client's 23 reserved bytes when the client
     * leaves it unset too.
     */
    public static final int MARIADB_EXTENDED_METADATA = 1 << 3;
    /**
     * MariaDB's metadata caching (MARIADB_CLIENT_CACHE_METADATA, since 10.6): every column count
     * packet carries one more byte saying whether the column definitions follow, and a
     * COM_STMT_EXECUTE result whose columns are those the client already holds for the statement
     * (from PREPARE_OK or the last execution that sent them) leaves them out.
     */
    public static final int MARIADB_CACHE_METADATA = 1 << 4;

    /**
     * What dbmesh offers. LONG_PASSWORD (bit 0, CLIENT_MYSQL) is left unset as a MariaDB server
     * does, which tells MariaDB clients to read {@link #MARIADB_SERVER_DEFAULT}: of MariaDB's
     * extended capabilities dbmesh implements extended column metadata and metadata caching (bulk
     * and progress are not offered). LOCAL_FILES is offered: a client that agrees is asked for
     * its file by LOAD DATA LOCAL INFILE (and only then), which the sidecar relays to the backend;
     * COMPRESS and SESSION_TRACK are not implemented. SSL is added only when TLS is enabled.
     */
    public static final int SERVER_DEFAULT = FOUND_ROWS | LONG_FLAG | CONNECT_WITH_DB | NO_SCHEMA | LOCAL_FILES
            | ODBC | IGNORE_SPACE | PROTOCOL_41 | INTERACTIVE | IGNORE_SIGPIPE | TRANSACTIONS | SECURE_CONNECTION
            | MULTI_STATEMENTS | MULTI_RESULTS | PS_MULTI_RESULTS | PLUGIN_AUTH | CONNECT_ATTRS
            | PLUGIN_AUTH_LENENC_CLIENT_DATA | DEPRECATE_EOF;

    /** The MariaDB extended capabilities dbmesh offers. */
    public static final int MARIADB_SERVER_DEFAULT = MARIADB_EXTENDED_METADATA | MARIADB_CACHE_METADATA;

    public static boolean has(int capabilities, int flag) {
        return (capabilities & flag) != 0;
    }

    private Capabilities() {
    }
}
