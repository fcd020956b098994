package io.dbmesh.proxy.packet;

/** The MySQL error codes the wire itself produces (the execution side brings its own). */
public final class ErrorCodes {
    public static final int ER_CON_COUNT_ERROR = 1040;
    public static final int ER_HANDSHAKE_ERROR = 1043;
    public static final int ER_ACCESS_DENIED_ERROR = 1045;
    public static final int ER_UNKNOWN_COM_ERROR = 1047;
    public static final int ER_UNKNOWN_ERROR = 1105;
    public static final int ER_NET_PACKET_TOO_LARGE = 1153;
    public static final int ER_NET_READ_ERROR = 1158;
    public static final int ER_NET_PACKETS_OUT_OF_ORDER = 1156;
    public static final int ER_UNKNOWN_STMT_HANDLER = 1243;
    public static final int ER_WRONG_ARGUMENTS = 1210;
    public static final int ER_MALFORMED_PACKET = 1835;
    public static final int ER_NOT_SUPPORTED_AUTH_MODE = 1251;
    public static final int ER_SECURE_TRANSPORT_REQUIRED = 3159;

    private ErrorCodes() {
    }
}
