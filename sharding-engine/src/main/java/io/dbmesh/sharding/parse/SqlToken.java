package io.dbmesh.sharding.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One token of MySQL text as {@link LiteralNormalizer} needs it: words, quoted names, plain numbers,
 * other number-like words ({@code 1e3}, {@code 0x1F}, {@code 1abc}), quoted strings and operators.
 * Comments and whitespace are skipped (the text between tokens is kept by offsets).
 */
record SqlToken(Kind kind, int start, int end, String text) {

    enum Kind { WORD, QUOTED_NAME, NUMBER, OTHER_NUMBER, STRING, DOUBLE_QUOTED, OPERATOR }

    private static final String[] LONG_OPERATORS = {"<=>", "->>", "<=", ">=", "<>", "!=", "||", "&&", ":=", "<<", ">>", "->"};

    String upper() {
        if (kind == Kind.QUOTED_NAME) return text.substring(1, text.length() - 1).toUpperCase(Locale.ROOT);
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * The tokens of {@code sql}, or null when the text has something the normalizer does not read
     * with certainty: an unterminated quote or comment, {@code ?}, JDBC escape braces, or {@code --}
     * not followed by a space (MySQL reads {@code x--1} as {@code x - -1}, other parsers as a comment).
     */
    static List<SqlToken> scan(String sql) {
        List<SqlToken> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) return null;
                i = close + 2;
            } else if (c == '#' || c == '-' && sql.startsWith("--", i) && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2)))) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '-' && sql.startsWith("--", i)) {
                return null;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(sql, i, c);
                if (end < 0) return null;
                Kind k = c == '\'' ? Kind.STRING : c == '"' ? Kind.DOUBLE_QUOTED : Kind.QUOTED_NAME;
                out.add(new SqlToken(k, i, end, sql.substring(i, end)));
                i = end;
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
                int end = number(sql, i);
                out.add(new SqlToken(simpleNumber(sql, i, end) ? Kind.NUMBER : Kind.OTHER_NUMBER, i, end, sql.substring(i, end)));
                i = end;
            } else if (isWordChar(c)) {
                int end = i;
                while (end < n && isWordChar(sql.charAt(end))) end++;
                out.add(new SqlToken(Kind.WORD, i, end, sql.substring(i, end)));
                i = end;
            } else if (c == '?' || c == '{' || c == '}') {
                return null;
            } else {
                String op = String.valueOf(c);
                for (String candidate : LONG_OPERATORS) {
                    if (sql.startsWith(candidate, i)) {
                        op = candidate;
                        break;
                    }
                }
                out.add(new SqlToken(Kind.OPERATOR, i, i + op.length(), op));
                i += op.length();
            }
        }
        return out;
    }

    /** Offset after the closing quote ({@code ''} inside is a quote), or -1. */
    private static int closingQuote(String sql, int start, char quote) {
        for (int i = start + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) i++;
                else return i + 1;
            }
        }
        return -1;
    }

    /** End of a number: digits, a fraction, an exponent, and any word characters glued to it ({@code 0x1F}, {@code 1abc}). */
    private static int number(String sql, int i) {
        int n = sql.length();
        while (i < n && isDigit(sql.charAt(i))) i++;
        if (i < n && sql.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(sql.charAt(i))) i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) j++;
            if (j < n && isDigit(sql.charAt(j))) i = j;
        }
        while (i < n && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
        return i;
    }

    /** {@code 123} or {@code 12.50}: the spellings whose value renders back as the same text. */
    private static boolean simpleNumber(String sql, int start, int end) {
        int i = start;
        while (i < end && isDigit(sql.charAt(i))) i++;
        if (i == start) return false;
        if (i == end) return true;
        if (sql.charAt(i) != '.') return false;
        int fraction = ++i;
        while (i < end && isDigit(sql.charAt(i))) i++;
        return i == end && i > fraction;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80;
    }
}
