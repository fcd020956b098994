package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.parse.Literals;

/**
 * String literals that hold a backslash escape, respelled for Calcite's parser, which reads only
 * standard SQL strings: {@code 'O\'Neil \\ x'} becomes {@code 'O''Neil \ x'}, the same value as
 * MariaDB reads it by default ({@link Literals#unescape}; {@code "…"} strings become {@code '…'}).
 * Client-side escaping drivers (PyMySQL, mysqlclient, PHP, Perl) write every apostrophe and
 * backslash that way. Not used under NO_BACKSLASH_ESCAPES, where a backslash is an ordinary
 * character ({@link FederatedSqlCheck#toCalcite}). Identifiers and comments are left as they are.
 */
final class CalciteStrings {

    private CalciteStrings() {
    }

    static String standard(String sql) {
        if (sql.indexOf('\\') < 0) return sql;
        StringBuilder out = null;
        int copied = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                StringBuilder body = new StringBuilder(); // the value's text with '' / "" as \' / \"
                boolean escaped = false;
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        escaped = true;
                        body.append(d).append(sql.charAt(j + 1));
                        j += 2;
                    } else if (d == c && j + 1 < n && sql.charAt(j + 1) == c) {
                        body.append('\\').append(c);
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        body.append(d);
                        j++;
                    }
                }
                int end = Math.min(j + 1, n);
                if (escaped && j < n) {
                    if (out == null) out = new StringBuilder(n + 8);
                    out.append(sql, copied, i).append('\'').append(Literals.unescape(body.toString()).replace("'", "''")).append('\'');
                    copied = end;
                }
                i = end;
            } else if (c == '`') {
                int close = sql.indexOf('`', i + 1);
                while (close >= 0 && close + 1 < n && sql.charAt(close + 1) == '`') close = sql.indexOf('`', close + 2);
                i = close < 0 ? n : close + 1;
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                i++;
            }
        }
        if (out == null) return sql;
        return out.append(sql, copied, n).toString();
    }
}
