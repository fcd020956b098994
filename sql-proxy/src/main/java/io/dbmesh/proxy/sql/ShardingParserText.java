package io.dbmesh.proxy.sql;

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
 * shards receive. Under NO_BACKSLASH_ESCAPES a backslash is an ordinary character and quotes are
 * left as written.
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
            } else if ((c == '\'' || c == '"') && !hasBackslash(sql, i, noBackslashEscapes)) {
                i = skipLiteral(sql, i); // no escape in it: written as the client wrote it (Calcite reads '' too)
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

    /** Whether the literal opening at {@code open} holds a backslash escape. */
    private static boolean hasBackslash(String sql, int open, boolean noBackslashEscapes) {
        if (noBackslashEscapes) return false;
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
