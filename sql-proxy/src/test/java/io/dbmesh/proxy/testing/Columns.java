package io.dbmesh.proxy.testing;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;

/** Column definitions for tests, shaped like what MariaDB sends. */
public final class Columns {
    public static final int UTF8MB4 = 45, BINARY = 63;

    private Columns() {
    }

    public static Column of(String name, ColumnType type) {
        return of(name, type, 0, 0);
    }

    public static Column of(String name, ColumnType type, int flags, int decimals) {
        int charset = switch (type) {
            case VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON -> UTF8MB4;
            default -> BINARY;
        };
        if (type == ColumnType.BLOB && (flags & ColumnFlags.BINARY) == 0) charset = UTF8MB4;
        if (type.isNumeric()) flags |= ColumnFlags.NUM;
        long length = switch (type) {
            case TINY -> 4;
            case SHORT -> 6;
            case INT24 -> 9;
            case LONG -> 11;
            case LONGLONG -> 20;
            case YEAR -> 4;
            case FLOAT -> 12;
            case DOUBLE -> 22;
            case NEWDECIMAL -> 12;
            case DATE -> 10;
            case TIME -> 10 + (decimals > 0 ? decimals + 1 : 0);
            case DATETIME, TIMESTAMP -> 19 + (decimals > 0 ? decimals + 1 : 0);
            case BIT -> 8;
            default -> 1020;
        };
        return new Column("wire_test", "t", "t", name, name, charset, length, type, flags, decimals);
    }

    public static Column unsigned(String name, ColumnType type) {
        return of(name, type, ColumnFlags.UNSIGNED, 0);
    }
}
