package io.dbmesh.core.result;

/**
 * MySQL column types with their wire codes (protocol::ColumnType). Values of every type travel
 * through dbmesh in their MySQL text form (see {@link RowCursor}); the type says how to compare
 * them and how to encode them for the binary protocol.
 */
public enum ColumnType {
    DECIMAL(0x00), TINY(0x01), SHORT(0x02), LONG(0x03), FLOAT(0x04), DOUBLE(0x05), NULL(0x06),
    TIMESTAMP(0x07), LONGLONG(0x08), INT24(0x09), DATE(0x0a), TIME(0x0b), DATETIME(0x0c), YEAR(0x0d),
    NEWDATE(0x0e), VARCHAR(0x0f), BIT(0x10), TIMESTAMP2(0x11), DATETIME2(0x12), TIME2(0x13),
    JSON(0xf5), NEWDECIMAL(0xf6), ENUM(0xf7), SET(0xf8), TINY_BLOB(0xf9), MEDIUM_BLOB(0xfa),
    LONG_BLOB(0xfb), BLOB(0xfc), VAR_STRING(0xfd), STRING(0xfe), GEOMETRY(0xff);

    private static final ColumnType[] BY_CODE = new ColumnType[256];
    static {
        for (ColumnType t : values()) BY_CODE[t.code] = t;
    }

    public final int code;

    ColumnType(int code) {
        this.code = code;
    }

    public static ColumnType ofCode(int code) {
        ColumnType t = BY_CODE[code & 0xff];
        if (t == null) throw new IllegalArgumentException("unknown MySQL column type 0x" + Integer.toHexString(code));
        return t;
    }

    public boolean isInteger() {
        return this == TINY || this == SHORT || this == LONG || this == LONGLONG || this == INT24 || this == YEAR;
    }

    public boolean isDecimal() {
        return this == DECIMAL || this == NEWDECIMAL;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }

    public boolean isNumeric() {
        return isInteger() || isDecimal() || isFloatingPoint();
    }

    public boolean isTemporal() {
        return this == DATE || this == NEWDATE || this == TIME || this == TIME2 || this == DATETIME
                || this == DATETIME2 || this == TIMESTAMP || this == TIMESTAMP2;
    }
}
