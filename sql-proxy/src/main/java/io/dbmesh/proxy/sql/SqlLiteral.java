package io.dbmesh.proxy.sql;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** String literals the sidecar writes into statements, meaning the same under every sql_mode and charset. */
public final class SqlLiteral {

    private SqlLiteral() {
    }

    /** {@code s} as a utf8mb4 string literal: {@code CONVERT(X'…' USING utf8mb4)} ('' for the empty string). */
    public static String utf8(String s) {
        if (s.isEmpty()) return "''";
        return "CONVERT(X'" + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)) + "' USING utf8mb4)";
    }
}
