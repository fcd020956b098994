package io.dbmesh.mesh.digest;

/**
 * Normalises a statement into its digest text, ProxySQL-style: literals become {@code ?}, lists of
 * them in {@code IN (…)} become {@code IN (...)}, the rows of a multi-row {@code VALUES} after the
 * first become {@code ...}, comments go, whitespace becomes single spaces. One linear scan.
 *
 * <p>Not the sharding engine's {@code LiteralNormalizer}: that one must be exact for planning and
 * so gives up on anything unusual, while a digest must normalise every statement and may merge a
 * little too much (a number inside a name-like token never does: {@code t1} stays {@code t1}).
 */
public final class SqlDigest {
    /** Digest texts are cut here: enough to recognise a statement, bounded in memory. */
    static final int MAX_LENGTH = 1024;

    private SqlDigest() {
    }

    public static String of(String sql) {
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH) + 8);
        int n = sql.length();
        int i = 0;
        boolean space = false;
        while (i < n && out.length() < MAX_LENGTH) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space = true;
            } else if (c == '#' || (c == '-' && i + 2 < n && sql.charAt(i + 1) == '-' && Character.isWhitespace(sql.charAt(i + 2)))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                space = true;
            } else if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
                emit(out, "?", space);
                space = false;
            } else if (c == '`') {
                int end = skipQuoted(sql, i, '`');
                emit(out, sql.substring(i, end), space);
                i = end;
                space = false;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))) {
                i = skipNumber(sql, i);
                emit(out, "?", space);
                space = false;
            } else if (Character.isLetter(c) || c == '_' || c == '$' || c == '@') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$'
                        || sql.charAt(i) == '@' || sql.charAt(i) == '.')) i++;
                // x'..', b'..', N'..', _utf8mb4'..': a prefixed string literal is one literal
                if (i < n && sql.charAt(i) == '\'' && (i - start == 1 || sql.charAt(start) == '_')) {
                    i = skipQuoted(sql, i, '\'');
                    emit(out, "?", space);
                } else {
                    emit(out, sql.substring(start, i), space);
                }
                space = false;
            } else {
                if (c == ';' && sql.substring(i + 1).isBlank()) break; // a trailing semicolon
                emitPunct(out, c, space);
                space = false;
                i++;
                if (c == ')') collapseList(out);
            }
        }
        if (out.length() > MAX_LENGTH) out.setLength(MAX_LENGTH);
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Canonical spacing: one space between tokens, none after '(' (so equal statements digest equally however spaced). */
    private static void emit(StringBuilder out, String token, boolean space) {
        int len = out.length();
        if (len > 0) {
            char last = out.charAt(len - 1);
            if (last != '(' && last != ' ') out.append(' ');
        }
        out.append(token);
    }

    private static final String OPERATORS = "=<>!+-*/%&|^~:";

    private static void emitPunct(StringBuilder out, char c, boolean space) {
        int len = out.length();
        if (c == ',' || c == ')') {
            if (len > 0 && out.charAt(len - 1) == ' ') out.setLength(len - 1);
        } else if (len > 0) {
            char last = out.charAt(len - 1);
            boolean attach = last == '(' || last == ' '
                    || (c == '(' && !space && isWordish(last)) // a function call: COUNT(
                    || (!space && OPERATORS.indexOf(c) >= 0 && OPERATORS.indexOf(last) >= 0); // >=, <>, :=
            if (!attach) out.append(' ');
        }
        out.append(c);
    }

    private static boolean isWordish(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '?' || c == '`' || c == '$' || c == '@';
    }

    /**
     * After a ')': {@code IN (?, ?, ?)} → {@code IN (...)}; a second {@code (…)} row of VALUES
     * equal to the row before it is dropped and marked once with {@code , ...}.
     */
    private static void collapseList(StringBuilder out) {
        int close = out.length() - 1;
        int open = out.lastIndexOf("(", close);
        if (open < 0) return;
        String inside = out.substring(open + 1, close);
        boolean literals = !inside.isEmpty() && inside.replace("?", "").replace(", ", "").isEmpty();
        if (!literals) return;
        String before = out.substring(0, open).stripTrailing();
        if (before.regionMatches(true, before.length() - 2, "IN", 0, 2)
                && (before.length() == 2 || !isWordish(before.charAt(before.length() - 3)))) {
            out.setLength(open);
            out.append("(...)");
            return;
        }
        // VALUES (?, ?), (?, ?) … : keep the first row, then one ", ..."
        if (before.endsWith(", ...,")) {
            out.setLength(before.length() - 1); // a further equal row: already marked
        } else if (before.endsWith(",")) {
            String previous = before.substring(0, before.length() - 1);
            if (previous.endsWith("(" + inside + ")")) {
                out.setLength(previous.length());
                out.append(", ...");
            }
        }
    }

    private static int skipQuoted(String sql, int i, char quote) {
        int n = sql.length();
        int j = i + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (c == '\\' && quote != '`' && j + 1 < n) {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) j += 2; // doubled quote
                else return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    private static int skipNumber(String sql, int i) {
        int n = sql.length();
        int j = i;
        if (sql.startsWith("0x", j) || sql.startsWith("0X", j) || sql.startsWith("0b", j)) {
            j += 2;
            while (j < n && Character.isLetterOrDigit(sql.charAt(j))) j++;
            return j;
        }
        while (j < n && (isDigit(sql.charAt(j)) || sql.charAt(j) == '.')) j++;
        if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) k++;
            if (k < n && isDigit(sql.charAt(k))) {
                j = k;
                while (j < n && isDigit(sql.charAt(j))) j++;
            }
        }
        return j;
    }
}
