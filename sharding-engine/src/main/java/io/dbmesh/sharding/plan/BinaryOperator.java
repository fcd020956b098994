package io.dbmesh.sharding.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's unary {@code BINARY expr} (compare as bytes) is not in JSqlParser's grammar. Applied to a
 * column or qualified column it means {@code CAST(expr AS BINARY)}, which the parser reads; this
 * rewrites those occurrences outside string literals, for statements that failed to parse.
 */
final class BinaryOperator {
    private static final Pattern BINARY = Pattern.compile(
            "(?i)(?<![\\w`.])BINARY\\s+((?:`[^`]+`|[A-Za-z_][\\w$]*)(?:\\.(?:`[^`]+`|[A-Za-z_][\\w$]*)){0,2})(?!\\s*\\()");

    private BinaryOperator() {
    }

    /** The statement with {@code BINARY col} as {@code CAST(col AS BINARY)}, or null when it has none. */
    static String asCast(String sql) {
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') { // copy string literals untouched
                int end = i + 1;
                while (end < sql.length() && sql.charAt(end) != c) end += sql.charAt(end) == '\\' ? 2 : 1;
                end = Math.min(end + 1, sql.length());
                out.append(sql, i, end);
                i = end;
                continue;
            }
            int next = i;
            while (next < sql.length() && sql.charAt(next) != '\'' && sql.charAt(next) != '"') next++;
            Matcher m = BINARY.matcher(sql.substring(i, next));
            StringBuilder part = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(part, Matcher.quoteReplacement("CAST(" + m.group(1) + " AS BINARY)"));
                changed = true;
            }
            m.appendTail(part);
            out.append(part);
            i = next;
        }
        return changed ? out.toString() : null;
    }
}
