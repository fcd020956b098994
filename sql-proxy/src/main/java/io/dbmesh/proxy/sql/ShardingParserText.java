package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.BackslashEscapes;

/**
 * Statement text as the sharding parser (JSqlParser) can read it, meaning the same to MariaDB.
 *
 * <p>{@code _binary} introducers are dropped: JSqlParser reads no character set introducer, and
 * {@code _binary'…'} is what Connector/J's text mode, PyMySQL and mysqlclient write for every
 * byte array. Without it, a hex literal is a binary string anyway and a quoted one is stored
 * byte for byte in the binary columns such values go to (other introducers are kept, and the
 * parser's error names the statement).
 *
 * <p>In literals that hold a backslash escape, quotes are written the way the parser (with
 * backslash escapes on) reads them: {@code 'o''neil'} becomes {@code 'o\'neil'} (a doubled quote right after an escaped
 * backslash, {@code 'a\\'' b'}, is what it cannot read otherwise), and {@code "a\"b"} becomes
 * {@code "a""b"}; escapes the parser misreads get another spelling of the same value ({@code \Z}
 * the character itself, {@code \q} just {@code q}). Both forms mean the same to MariaDB, so the rewritten text is also what the
 * shards receive.
 *
 * <p>Under NO_BACKSLASH_ESCAPES a backslash is an ordinary character: a literal holding one is
 * written with the escape that means it ({@code 'a\'} becomes {@code 'a\\'}), so the parser and
 * the router read the client's value; the text then means the same with backslash escapes on, and
 * {@link #forNoBackslashEscapes} writes the physical statements back for the shards, whose
 * sql_mode is the client's.
 */
public final class ShardingParserText {
    private ShardingParserText() {
    }

    public static String forParser(String sql, boolean noBackslashEscapes) {
        if (sql.indexOf('\\') < 0 && !containsIgnoreCase(sql, "_binary")) return sql; // '' alone parses
        StringBuilder out = null;
        int n = sql.length();
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '_' && sql.regionMatches(true, i, "_binary", 0, 7) && (i == 0 || !word(sql.charAt(i - 1)))) {
                int q = i + 7;
                while (q < n && Character.isWhitespace(sql.charAt(q))) q++;
                boolean hex = q + 1 < n && (sql.charAt(q) == 'x' || sql.charAt(q) == 'X') && sql.charAt(q + 1) == '\'';
                if (q < n && (sql.charAt(q) == '\'' || sql.charAt(q) == '"' || hex)) {
                    if (out == null) out = new StringBuilder(n + 8);
                    out.append(sql, copied, i);
                    copied = q;
                    i = hex ? q + 1 : q;
                } else {
                    i += 7;
                }
            } else if ((c == '\'' || c == '"') && !hasBackslash(sql, i)) {
                i = skipLiteral(sql, i); // no backslash in it: written as the client wrote it (Calcite reads '' too)
            } else if ((c == '\'' || c == '"') && noBackslashEscapes) {
                // a backslash is an ordinary character: written as the escape that means it
                int end = skipLiteral(sql, i);
                if (end - 1 <= i || sql.charAt(end - 1) != c) break; // unterminated: the parser's error names it
                if (out == null) out = new StringBuilder(n + 8);
                out.append(sql, copied, i).append(backslashMode(sql.substring(i + 1, Math.max(i + 1, end - 1)), c)).append(c);
                copied = end;
                i = end;
            } else if (c == '\'' || c == '"') {
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\\' && !noBackslashEscapes && i + 1 < n) {
                        String same = escape(sql.charAt(i + 1), c);
                        if (same != null) {
                            if (out == null) out = new StringBuilder(n + 8);
                            out.append(sql, copied, i).append(same);
                            copied = i + 2;
                        }
                        i += 2;
                    } else if (d == c) {
                        if (i + 1 < n && sql.charAt(i + 1) == c) {
                            if (c == '\'' && !noBackslashEscapes) { // '' → \'
                                if (out == null) out = new StringBuilder(n + 8);
                                out.append(sql, copied, i).append("\\'");
                                copied = i + 2;
                            }
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        i++;
                    }
                }
            } else if (c == '`') {
                int end = sql.indexOf('`', i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == '`') end = sql.indexOf('`', end + 2);
                i = end < 0 ? n : end + 1;
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i) && !sql.startsWith("/*!", i) && !sql.startsWith("/*M!", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                i++;
            }
        }
        if (out == null) return sql;
        return out.append(sql, copied, n).toString();
    }

    /**
     * An escape sequence {@code \e} the parser misreads (its lexer knows \b \n \r \t \\ \' \"
     * only, and loses its way on others next to doubled quotes) written another way with the
     * same value for MariaDB; null to keep it.
     */
    private static String escape(char e, char quote) {
        return switch (e) {
            case 'b', 'n', 'r', 't', '\\', '\'' -> null;
            case '"' -> quote == '"' ? "\"\"" : null;
            case '0' -> "\u0000";
            case 'Z' -> "\u001a";
            case '%', '_' -> "\\\\" + e; // \% is a backslash and a percent sign: an escaped backslash, then %
            default -> String.valueOf(e); // \q is q
        };
    }

    /**
     * The body of a literal read under NO_BACKSLASH_ESCAPES, quoted for a reader with backslash
     * escapes: each backslash doubled, a doubled quote {@code ''} written {@code \'} (the parser
     * loses its way on {@code ''} after an escaped backslash); the opening quote included.
     */
    private static String backslashMode(String body, char quote) {
        StringBuilder out = new StringBuilder(body.length() + 8).append(quote);
        for (int i = 0; i < body.length(); i++) {
            char d = body.charAt(i);
            if (d == '\\') {
                out.append("\\\\");
            } else if (d == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
                out.append(quote == '\'' ? "\\'" : "\"\"");
                i++;
            } else {
                out.append(d);
            }
        }
        return out.toString();
    }

    /**
     * {@link #forParser} text (string literals read with backslash escapes) written for a server
     * under NO_BACKSLASH_ESCAPES, with the same values: {@code \\} a backslash, {@code \'} a doubled
     * quote, {@code \n} … the character itself, {@code \%}/{@code \_} unchanged (they keep their
     * backslash in both readings), any other {@code \x} just {@code x}. Text without a backslash is
     * returned as is.
     */
    public static String forNoBackslashEscapes(String sql) {
        if (sql.indexOf('\\') < 0) return sql;
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                out.append(c);
                i++;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        char e = sql.charAt(i + 1);
                        if (e == c) out.append(c).append(c); // an escaped quote: doubled, as without escapes
                        else BackslashEscapes.appendValue(out, e);
                        i += 2;
                    } else if (d == c) {
                        out.append(d);
                        i++;
                        if (i < n && sql.charAt(i) == c) {
                            out.append(c);
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        out.append(d);
                        i++;
                    }
                }
            } else if (c == '`') {
                int end = sql.indexOf('`', i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == '`') end = sql.indexOf('`', end + 2);
                int to = end < 0 ? n : end + 1;
                out.append(sql, i, to);
                i = to;
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
                int end = sql.indexOf('\n', i);
                int to = end < 0 ? n : end + 1;
                out.append(sql, i, to);
                i = to;
            } else if (c == '/' && sql.startsWith("/*", i) && !sql.startsWith("/*!", i) && !sql.startsWith("/*M!", i)) {
                int end = sql.indexOf("*/", i + 2);
                int to = end < 0 ? n : end + 2;
                out.append(sql, i, to);
                i = to;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether the literal opening at {@code open} holds a backslash. */
    private static boolean hasBackslash(String sql, int open) {
        char q = sql.charAt(open);
        for (int i = open + 1; i < sql.length(); i++) {
            char d = sql.charAt(i);
            if (d == '\\') return true;
            if (d == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) i++;
                else return false;
            }
        }
        return false;
    }

    /** The index after the literal opening at {@code open} (one without backslashes). */
    private static int skipLiteral(String sql, int open) {
        char q = sql.charAt(open);
        for (int i = open + 1; i < sql.length(); i++) {
            if (sql.charAt(i) == q) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == q) i++;
                else return i + 1;
            }
        }
        return sql.length();
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean containsIgnoreCase(String s, String what) {
        for (int i = s.indexOf('_'); i >= 0; i = s.indexOf('_', i + 1)) {
            if (s.regionMatches(true, i, what, 0, what.length())) return true;
        }
        return false;
    }
}
