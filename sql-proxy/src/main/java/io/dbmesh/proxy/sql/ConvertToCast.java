package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;

/**
 * {@code CONVERT(expr, SIGNED|UNSIGNED [INTEGER|INT])} written as the equivalent {@code CAST(expr AS
 * …)}, which the sharding parser (JSqlParser) reads — MariaDB Connector/J's getColumns() sends the
 * former, so metadata of sharded databases needs it.
 */
public final class ConvertToCast {

    private ConvertToCast() {
    }

    /** Quick check before {@link #rewrite}: the text mentions CONVERT at all. */
    public static boolean mayApply(String sql) {
        int n = sql.length() - 7;
        for (int i = 0; i <= n; i++) {
            char c = sql.charAt(i);
            if ((c == 'c' || c == 'C') && sql.regionMatches(true, i, "CONVERT", 0, 7)) return true;
        }
        return false;
    }

    public static String rewrite(String sql) {
        SqlScanner s = new SqlScanner(sql);
        StringBuilder out = null;
        int copied = 0;
        while (s.next() != SqlScanner.Type.END) {
            if (!s.isWord("CONVERT")) continue;
            int convertStart = s.start(), convertEnd = s.end();
            SqlScanner look = new SqlScanner(sql, s.end(), sql.length());
            if (look.next() != SqlScanner.Type.SYMBOL || !look.isSymbol('(')) continue;
            int depth = 1, comma = -1, close = -1;
            while (look.next() != SqlScanner.Type.END) {
                if (look.isSymbol('(')) depth++;
                else if (look.isSymbol(')') && --depth == 0) {
                    close = look.start();
                    break;
                } else if (depth == 1 && look.isSymbol(',') && comma < 0) comma = look.start();
            }
            if (comma < 0 || close < 0) continue;
            SqlScanner type = new SqlScanner(sql, comma + 1, close);
            type.next();
            if (!type.isWord("UNSIGNED") && !type.isWord("SIGNED")) continue;
            if (out == null) out = new StringBuilder(sql.length());
            out.append(sql, copied, convertStart).append("CAST").append(sql, convertEnd, comma).append(" AS")
                    .append(sql, comma + 1, close);
            copied = close;
            s = new SqlScanner(sql, close, sql.length()); // a CONVERT nested in this one's argument stays as written
        }
        return out == null ? sql : out.append(sql, copied, sql.length()).toString();
    }
}
