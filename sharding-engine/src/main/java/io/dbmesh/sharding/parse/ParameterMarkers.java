package io.dbmesh.sharding.parse;

/**
 * Counts {@code ?} markers in SQL text outside string literals, quoted identifiers and comments,
 * for statements the parser does not understand but a backend may still run.
 */
public final class ParameterMarkers {
    private ParameterMarkers() {
    }

    public static int count(String sql) {
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 2 < sql.length() && sql.charAt(i + 1) == '-' && Character.isWhitespace(sql.charAt(i + 2)) || c == '#') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '?') {
                n++;
            }
        }
        return n;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        for (int i = start + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') i++;
            else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) i++;
                else return i;
            }
        }
        return sql.length();
    }
}
