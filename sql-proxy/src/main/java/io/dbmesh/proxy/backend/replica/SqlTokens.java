package io.dbmesh.proxy.backend.replica;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Just enough of a MySQL lexer to decide where a statement may run without a full parse: the
 * statement's words and symbols with string literals and comments taken out (so a
 * {@code 'FOR UPDATE'} string or a commented-out function never counts), executable comments
 * ({@code /*! … *}{@code /}, {@code /*M! … *}{@code /}) kept as code, and whether a comment carried the
 * {@code dbmesh:primary} hint.
 *
 * @param words  upper-cased keywords/identifiers and single-character symbols ({@code :=} and
 *               {@code @@} kept as one token), in order; quoted identifiers become {@code `}
 * @param primaryHint a comment contained {@code dbmesh:primary}
 */
record SqlTokens(List<String> words, boolean primaryHint) {

    static final String HINT = "dbmesh:primary";

    static SqlTokens of(String sql) {
        List<String> out = new ArrayList<>();
        boolean hint = false;
        int n = sql.length();
        int i = 0;
        int executableEnd = -1; // where the */ of the executable comment we are inside is
        while (i < n) {
            if (executableEnd >= 0 && i >= executableEnd) {
                i = Math.max(i, executableEnd + 2);
                executableEnd = -1;
                continue;
            }
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
                out.add("'");
            } else if (c == '`') {
                i = skipQuoted(sql, i, c);
                out.add("`");
            } else if (c == '#' || (c == '-' && i + 2 <= n && sql.startsWith("--", i)
                    && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2))))) {
                int end = sql.indexOf('\n', i);
                hint |= containsHint(sql, i, end < 0 ? n : end);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                int close = end < 0 ? n : end;
                int body = executableCommentBody(sql, i, close);
                if (body >= 0) {
                    // MySQL runs the inside of /*! … */ : lex it as code; the closing */ is skipped above.
                    i = body;
                    executableEnd = close;
                    continue;
                }
                hint |= containsHint(sql, i, close);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$' || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == '=') {
                out.add(":=");
                i += 2;
            } else if (c == '@' && i + 1 < n && sql.charAt(i + 1) == '@') {
                out.add("@@");
                i += 2;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return new SqlTokens(List.copyOf(out), hint);
    }

    /** For {@code /*!12345 code} or {@code /*M!12345 code}: where the code starts; -1 for a plain comment. */
    private static int executableCommentBody(String sql, int start, int close) {
        int p = start + 2;
        if (p < close && sql.charAt(p) == 'M') p++;
        if (p >= close || sql.charAt(p) != '!') return -1;
        p++;
        while (p < close && Character.isDigit(sql.charAt(p))) p++;
        return p;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean containsHint(String sql, int from, int to) {
        return sql.substring(from, to).toLowerCase(Locale.ROOT).replace(" ", "").contains(HINT);
    }

    /** The word after {@code index}, or "" at the end. */
    String after(int index) {
        return index + 1 < words.size() ? words.get(index + 1) : "";
    }
}
