package io.dbmesh.core.sql;

/**
 * A statement's text with what is not code blanked out, each character replaced by a space, so the
 * result has the same length: a regex or keyword search over it never matches inside what was
 * blanked and every offset it finds is an offset of the original text. Comments are blanked (an
 * executable comment that runs keeps its body, only its markers are blanked), and by {@link #of}
 * also the contents of string literals and quoted identifiers (a literal's introducer stays:
 * {@code _utf8mb4'…'}, {@code x'…'}).
 */
public final class BlankedSql {
    private BlankedSql() {
    }

    /** Literals, quoted identifiers and comments blanked; {@code sql} read with {@link SqlDialect#DEFAULT}. */
    public static String of(String sql) {
        return blank(sql, SqlDialect.DEFAULT, true, true);
    }

    /** String literals and comments blanked, quoted identifiers kept (to read names out of the result). */
    public static String strings(String sql) {
        return blank(sql, SqlDialect.DEFAULT, true, false);
    }

    /** Only comments blanked (literals and quoted names stay), executable comments read as {@code dialect} does. */
    public static String comments(String sql, SqlDialect dialect) {
        return blank(sql, dialect, false, false);
    }

    private static String blank(String sql, SqlDialect dialect, boolean strings, boolean identifiers) {
        char[] out = new char[sql.length()];
        java.util.Arrays.fill(out, ' ');
        SqlScanner s = new SqlScanner(sql, dialect);
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            int from = s.start();
            int to = s.end();
            if ((strings && t == SqlScanner.Type.STRING) || (identifiers && t == SqlScanner.Type.QUOTED_IDENTIFIER)) {
                while (from < to && sql.charAt(from) != '\'' && sql.charAt(from) != '"' && sql.charAt(from) != '`') {
                    out[from] = sql.charAt(from); // the introducer: x, N, _utf8mb4
                    from++;
                }
                continue;
            }
            sql.getChars(from, to, out, from);
        }
        return new String(out);
    }
}
