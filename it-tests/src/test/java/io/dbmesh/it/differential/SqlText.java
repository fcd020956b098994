package io.dbmesh.it.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The little SQL lexing the harness needs: where quotes, comments and parentheses are, so that
 * {@code ?} markers, commas and ORDER BY are only recognised at the level that matters. Not a
 * parser on purpose: the corpus is hand written and the engine under test owns real parsing.
 */
final class SqlText {
    private SqlText() {
    }

    /** Number of {@code ?} parameter markers outside string literals, identifiers and comments. */
    static int countParameterMarkers(String sql) {
        int count = 0;
        char[] masked = maskLiterals(sql);
        for (char c : masked) {
            if (c == '?') {
                count++;
            }
        }
        return count;
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
     * A copy of the text where every character inside a string literal, quoted identifier or
     * comment is replaced by a space (the quotes themselves are kept), so structure can be
     * scanned without being fooled by {@code 'a ? (b'}.
     */
    static char[] maskLiterals(String sql) {
        char[] out = sql.toCharArray();
        int i = 0;
        int n = out.length;
        while (i < n) {
            char c = out[i];
            if (c == '\'' || c == '"' || c == '`') {
                char quote = c;
                i++;
                while (i < n) {
                    char d = out[i];
                    if (d == '\\' && quote != '`' && i + 1 < n) {
                        out[i] = ' ';
                        out[i + 1] = ' ';
                        i += 2;
                        continue;
                    }
                    if (d == quote) {
                        if (i + 1 < n && out[i + 1] == quote) {
                            out[i] = ' ';
                            out[i + 1] = ' ';
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    out[i] = ' ';
                    i++;
                }
                i++;
            } else if (c == '-' && i + 1 < n && out[i + 1] == '-') {
                while (i < n && out[i] != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '#') {
                while (i < n && out[i] != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < n && out[i + 1] == '*') {
                while (i < n && !(out[i] == '*' && i + 1 < n && out[i + 1] == '/')) {
                    out[i++] = ' ';
                }
                if (i < n) {
                    out[i++] = ' ';
                    out[i++] = ' ';
                }
            } else {
                i++;
            }
        }
        return out;
    }
}
