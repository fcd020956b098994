package io.dbmesh.sharding.federation;

import io.dbmesh.core.sql.BlankedSql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The select items of a statement's first SELECT as the client wrote them. MariaDB names an
 * unaliased expression column by its text ({@code COUNT(*)}, {@code SUM(amount)}); Calcite calls it
 * {@code EXPR$0}, so the federated result takes the name from here.
 */
final class SelectItemTexts {
    private SelectItemTexts() {
    }

    static List<String> of(String sql) {
        String blanked = BlankedSql.of(sql);
        String upper = blanked.toUpperCase(Locale.ROOT);
        int start = keyword(upper, "SELECT", 0);
        if (start < 0) return List.of();
        int p = start + "SELECT".length();
        for (String modifier : List.of("ALL", "DISTINCT", "DISTINCTROW", "STRAIGHT_JOIN", "SQL_CALC_FOUND_ROWS", "SQL_NO_CACHE")) {
            int at = skipSpaces(upper, p);
            if (upper.startsWith(modifier, at) && (at + modifier.length() >= upper.length() || !isWord(upper.charAt(at + modifier.length())))) {
                p = at + modifier.length();
            }
        }
        List<String> items = new ArrayList<>();
        int depth = 0, itemStart = p;
        for (int i = p; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') {
                if (depth == 0) break;
                depth--;
            } else if (depth == 0 && c == ',') {
                items.add(sql.substring(itemStart, i).trim());
                itemStart = i + 1;
            } else if (depth == 0 && isWord(c) && (i == 0 || !isWord(upper.charAt(i - 1)))
                    && (upper.startsWith("FROM", i) || upper.startsWith("UNION", i) || upper.startsWith("INTO", i))
                    && (i + 4 >= upper.length() || !isWord(upper.charAt(i + (upper.startsWith("UNION", i) ? 5 : 4))))) {
                items.add(sql.substring(itemStart, i).trim());
                return items;
            }
        }
        items.add(sql.substring(itemStart).trim());
        return items;
    }

    /** The name MariaDB gives an unaliased item: its text, or a string literal's value. */
    static String columnName(String item) {
        String t = item.trim();
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)) {
            String inner = t.substring(1, t.length() - 1);
            if (inner.indexOf(t.charAt(0)) < 0) return inner.replace("\\\\", "\\");
        }
        return t;
    }

    private static int keyword(String upper, String word, int from) {
        for (int i = upper.indexOf(word, from); i >= 0; i = upper.indexOf(word, i + 1)) {
            boolean before = i == 0 || !isWord(upper.charAt(i - 1));
            boolean after = i + word.length() >= upper.length() || !isWord(upper.charAt(i + word.length()));
            if (before && after) return i;
        }
        return -1;
    }

    private static int skipSpaces(String s, int p) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
        return p;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
