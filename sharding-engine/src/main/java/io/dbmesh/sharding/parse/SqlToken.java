package io.dbmesh.sharding.parse;

import io.dbmesh.core.sql.ScannedSql;
import io.dbmesh.core.sql.SqlDialect;
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

    private static final String[] SYMBOLS = new String[128];

    static {
        for (char c = 0; c < SYMBOLS.length; c++) SYMBOLS[c] = String.valueOf(c);
    }

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
        return scan(sql, null);
    }

    /**
     * As {@link #scan(String)}, from {@code lexed} — the statement as it arrived, lexed once by the
     * session — when {@code sql} is that statement trimmed (leading white space, trailing {@code ;}
     * and white space dropped, as the planner trims); otherwise, or without it, {@code sql} is lexed
     * here. Arrival tokens read under another server's dialect are used only for text without
     * comments: the dialect decides which executable comments are code, and this reads them as the
     * default one does.
     */
    static List<SqlToken> scan(String sql, ScannedSql lexed) {
        int from = lexed == null ? -1 : offsetIn(lexed, sql);
        if (from < 0) {
            SqlScanner s = new SqlScanner(sql);
            Builder b = new Builder(sql);
            for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
                if (!b.add(t, s.start(), s.end(), s.inExecutableComment())) return null;
            }
            return s.unterminated() ? null : b.out;
        }
        int to = from + sql.length();
        Builder b = new Builder(sql);
        for (int i = 0; i < lexed.size(); i++) {
            int start = lexed.start(i), end = lexed.end(i);
            if (start >= to) break; // the trailing ';'
            if (start < from || end > to) return scan(sql, null); // not tokens of this text after all
            SqlScanner.Type t = lexed.type(i);
            if (t == SqlScanner.Type.COMMENT) continue;
            if (!b.add(t, start - from, end - from, lexed.inExecutableComment(i))) return null;
        }
        return lexed.unterminated() ? null : b.out;
    }

    /** Where {@code sql} stands in {@code lexed}'s text with only white space and {@code ;} around it, or -1. */
    static int offsetIn(ScannedSql lexed, String sql) {
        String whole = lexed.sql();
        if (!lexed.dialect().equals(SqlDialect.DEFAULT) && sql.contains("/*")) return -1;
        if (whole == sql) return 0;
        int from = 0;
        while (from < whole.length() && Character.isWhitespace(whole.charAt(from))) from++;
        if (!whole.startsWith(sql, from)) return -1;
        for (int i = from + sql.length(); i < whole.length(); i++) {
            char c = whole.charAt(i);
            if (c != ';' && !Character.isWhitespace(c)) return -1;
        }
        return from;
    }

    /** Tokens of one text, in order; offsets relative to it. */
    private static final class Builder {
        final String sql;
        final List<SqlToken> out = new ArrayList<>();
        int skipTo = -1; // end of a multi-character operator whose later characters the scanner returns as symbols

        Builder(String sql) {
            this.sql = sql;
        }

        /** Adds the token; false when it is one the normalizer does not read (see {@link #scan(String)}). */
        boolean add(SqlScanner.Type t, int start, int end, boolean inExecutableComment) {
            if (start < skipTo) return true;
            Kind kind = switch (t) {
                case WORD -> Kind.WORD;
                case QUOTED_IDENTIFIER -> Kind.QUOTED_NAME;
                case NUMBER -> simpleNumber(sql, start, end) ? Kind.NUMBER : Kind.OTHER_NUMBER;
                case STRING -> sql.charAt(start) == '\'' ? Kind.STRING : sql.charAt(start) == '"' ? Kind.DOUBLE_QUOTED : Kind.OTHER_LITERAL;
                case USER_VARIABLE, SYSTEM_VARIABLE -> Kind.OTHER_LITERAL;
                case SYMBOL -> Kind.OPERATOR;
                case PARAMETER_MARKER, COMMENT, END -> null;
            };
            if (kind == null) return false;
            if (inExecutableComment && kind != Kind.WORD && kind != Kind.QUOTED_NAME && kind != Kind.OPERATOR) {
                kind = Kind.OTHER_LITERAL;
            }
            String text = null;
            if (kind == Kind.OPERATOR) {
                char c = sql.charAt(start);
                if (c == '{' || c == '}' || (c == '-' && end < sql.length() && sql.charAt(end) == '-')) return false;
                for (String candidate : LONG_OPERATORS) {
                    if (sql.startsWith(candidate, start)) {
                        end = start + candidate.length();
                        skipTo = end;
                        text = candidate;
                        break;
                    }
                }
                // one shared String per symbol: a 2,500-row INSERT has ~15,000 of them
                if (text == null && end == start + 1 && c < SYMBOLS.length) text = SYMBOLS[c];
            }
            out.add(new SqlToken(kind, start, end, text != null ? text : sql.substring(start, end)));
            return true;
        }
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
