package io.dbmesh.it.differential;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.core.sql.SqlScanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The little SQL structure the harness needs, over the core scanner's reading of quotes and
 * comments: {@code ?} markers, commas and ORDER BY recognised only at the level that matters. Not a
 * parser on purpose: the corpus is hand written and the engine under test owns real parsing.
 */
final class SqlText {
    private SqlText() {
    }

    /** Number of {@code ?} parameter markers outside string literals, identifiers and comments. */
    static int countParameterMarkers(String sql) {
        return SqlScanner.countParameterMarkers(sql);
    }

    /**
     * True when the statement's outermost query ends with ORDER BY, so its row order is
     * defined and must be compared. ORDER BY inside parentheses (subqueries, derived tables,
     * GROUP_CONCAT, window specs) does not order the result.
     */
    static boolean hasTopLevelOrderBy(String sql) {
        char[] masked = maskLiterals(sql);
        String upper = new String(masked).toUpperCase(Locale.ROOT);
        int depth = 0;
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c == 'O' && upper.startsWith("ORDER", i)
                    && (i == 0 || !Character.isLetterOrDigit(upper.charAt(i - 1)))) {
                int j = i + 5;
                while (j < upper.length() && Character.isWhitespace(upper.charAt(j))) {
                    j++;
                }
                if (j > i + 5 && upper.startsWith("BY", j)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Splits on commas that are outside quotes and parentheses. */
    static List<String> splitTopLevelCommas(String text) {
        return splitTopLevel(text, ',');
    }

    /** Splits on {@code separator} where it is outside quotes and parentheses. */
    static List<String> splitTopLevel(String text, char separator) {
        char[] masked = maskLiterals(text);
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < masked.length; i++) {
            char c = masked[i];
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        String last = text.substring(start);
        if (!last.isBlank() || !parts.isEmpty()) {
            parts.add(last);
        }
        return parts;
    }

    /**
     * A copy of the text where string literals, quoted identifiers and comments are blanked (the
     * core scanner's reading), so structure can be scanned without being fooled by {@code 'a ? (b'}.
     */
    static char[] maskLiterals(String sql) {
        return BlankedSql.of(sql).toCharArray();
    }
}
