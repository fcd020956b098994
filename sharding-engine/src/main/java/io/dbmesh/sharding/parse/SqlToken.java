package io.dbmesh.sharding.parse;

import io.dbmesh.core.sql.SqlScanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One token of MySQL text as {@link LiteralNormalizer} needs it, read by the core
 * {@link SqlScanner}: words, quoted names, plain numbers, other number-like words ({@code 1e3},
 * {@code 0x1F}, {@code 1abc}), quoted strings, other literals and operators (multi-character ones
 * such as {@code <=>} as one token). Comments and whitespace are skipped (the text between tokens
 * is kept by offsets).
 */
record SqlToken(Kind kind, int start, int end, String text) {

    /**
     * OTHER_LITERAL: never replaced — strings with an introducer ({@code x'..'}, {@code N'..'},
     * {@code _utf8mb4'..'}), variables, and literals inside an executable comment (whether the
     * backend runs those depends on its version).
     */
    enum Kind { WORD, QUOTED_NAME, NUMBER, OTHER_NUMBER, STRING, DOUBLE_QUOTED, OTHER_LITERAL, OPERATOR }

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
        SqlScanner s = new SqlScanner(sql);
        int skipTo = -1; // end of a multi-character operator whose later characters the scanner returns as symbols
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            int start = s.start();
            int end = s.end();
            if (start < skipTo) continue;
            Kind kind = switch (t) {
                case WORD -> Kind.WORD;
                case QUOTED_IDENTIFIER -> Kind.QUOTED_NAME;
                case NUMBER -> simpleNumber(sql, start, end) ? Kind.NUMBER : Kind.OTHER_NUMBER;
                case STRING -> sql.charAt(start) == '\'' ? Kind.STRING : sql.charAt(start) == '"' ? Kind.DOUBLE_QUOTED : Kind.OTHER_LITERAL;
                case USER_VARIABLE, SYSTEM_VARIABLE -> Kind.OTHER_LITERAL;
                case SYMBOL -> Kind.OPERATOR;
                case PARAMETER_MARKER, COMMENT, END -> null;
            };
            if (kind == null) return null;
            if (s.inExecutableComment() && kind != Kind.WORD && kind != Kind.QUOTED_NAME && kind != Kind.OPERATOR) {
                kind = Kind.OTHER_LITERAL;
            }
            if (kind == Kind.OPERATOR) {
                char c = sql.charAt(start);
                if (c == '{' || c == '}' || (c == '-' && end < sql.length() && sql.charAt(end) == '-')) return null;
                for (String candidate : LONG_OPERATORS) {
                    if (sql.startsWith(candidate, start)) {
                        end = start + candidate.length();
                        skipTo = end;
                        break;
                    }
                }
            }
            out.add(new SqlToken(kind, start, end, sql.substring(start, end)));
        }
        return s.unterminated() ? null : out;
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
}
