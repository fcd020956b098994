package io.dbmesh.core.sql;

/**
 * A statement's text with what is not code blanked out: the contents of string literals and quoted
 * identifiers, and comments (an executable comment that runs keeps its body, only its markers are
 * blanked), each character replaced by a space. The result has the same length, so a regex or
 * keyword search over it never matches inside a literal or a comment and every offset it finds is
 * an offset of the original text. A literal's introducer stays ({@code _utf8mb4'…'}, {@code x'…'}).
 */
public final class BlankedSql {
    private BlankedSql() {
    }

    /** {@code sql} read with {@link SqlDialect#DEFAULT}, with backslash escapes. */
    public static String of(String sql) {
        char[] out = new char[sql.length()];
        java.util.Arrays.fill(out, ' ');
        SqlScanner s = new SqlScanner(sql);
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            int from = s.start();
            int to = s.end();
            if (t == SqlScanner.Type.STRING || t == SqlScanner.Type.QUOTED_IDENTIFIER) {
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
