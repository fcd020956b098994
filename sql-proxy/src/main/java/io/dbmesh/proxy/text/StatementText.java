package io.dbmesh.proxy.text;

import java.nio.charset.StandardCharsets;

/**
 * A client's statement bytes → the Java text the sidecar plans with and Connector/J sends to the
 * backend (as UTF-8, to a connection whose {@code character_set_client} is utf8mb4), such that the
 * backend stores exactly the bytes it would have stored had the client talked to it directly.
 *
 * <p>Text that is valid in the client's character set is decoded with it: the backend converts it
 * to the client's {@code character_set_connection} as MariaDB would have converted the client's
 * own bytes. What cannot make that trip unchanged is a string literal:
 * <ul>
 *   <li>whose bytes are not valid in the client's set (a BLOB written as an escaped
 *       {@code _binary'…'} or plain {@code '…'} literal by PyMySQL, mysqlclient, PHP, Perl, or
 *       Connector/J's text mode): MariaDB stores such bytes as they are;</li>
 *   <li>with a character set introducer ({@code _binary'é'}, {@code _latin1'…'}, {@code N'…'})
 *       holding non-ASCII bytes that are not already UTF-8 text of a UTF-8 client: MariaDB takes an
 *       introduced literal's bytes as they are, without conversion from the client's set.</li>
 * </ul>
 * Such a literal becomes a hex literal of its unescaped bytes, {@code _binary X'…'} (or
 * {@code _<introducer> X'…'}), which MariaDB treats like the original: a string of those bytes
 * ({@code _binary} keeps string semantics where a bare {@code X'…'} would be a number).
 *
 * <p>One pass over the bytes, aware of quotes, backtick identifiers, comments (executable
 * {@code /*!…*}{@code /} comments are scanned as SQL) and of two-byte characters whose second byte
 * may be {@code \} (sjis, cp932, gbk, big5). The common case, a UTF-8 client's valid UTF-8, is one
 * strict decode and no scan.
 */
public final class StatementText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final byte[] b;
    private final ClientCharset cs;
    private final boolean noBackslashEscapes;
    private final StringBuilder out;
    /** Start of the bytes not yet appended to {@link #out}. */
    private int pending;

    private StatementText(byte[] b, ClientCharset cs, boolean noBackslashEscapes) {
        this.b = b;
        this.cs = cs;
        this.noBackslashEscapes = noBackslashEscapes;
        this.out = new StringBuilder(b.length + 16);
    }

    /**
     * @param noBackslashEscapes the session's sql_mode has NO_BACKSLASH_ESCAPES: {@code \} is an
     *                           ordinary character in string literals
     */
    public static String decode(byte[] bytes, ClientCharset cs, boolean noBackslashEscapes) {
        if (cs.utf8()) {
            String s = cs.decodeStrict(bytes, 0, bytes.length);
            if (s != null) return s;
        } else if (ascii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return new StatementText(bytes, cs, noBackslashEscapes).scan();
    }

    private static boolean ascii(byte[] bytes) {
        for (byte x : bytes) if (x < 0) return false;
        return true;
    }

    private String scan() {
        int n = b.length;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c == '\'' || c == '"') {
                i = literal(i, i, null);
            } else if (c == '`') {
                i = skipQuoted(i, '`');
            } else if (c == '#' || (c == '-' && i + 2 < n + 1 && at(i + 1) == '-' && (i + 2 == n || at(i + 2) <= ' '))) {
                while (i < n && b[i] != '\n') i++;
            } else if (c == '/' && at(i + 1) == '*' && at(i + 2) != '!' && !(at(i + 2) == 'M' && at(i + 3) == '!')) {
                int end = indexOf(i + 2, '*', '/');
                i = end < 0 ? n : end + 2;
            } else if (isWordByte(c)) {
                int start = i;
                while (i < n && isWordByte(b[i] & 0xff)) i++;
                int q = i;
                boolean introducer = b[start] == '_' && i - start > 1;
                if (introducer) while (q < n && (b[q] == ' ' || b[q] == '\t' || b[q] == '\n' || b[q] == '\r')) q++;
                boolean national = i - start == 1 && (b[start] == 'N' || b[start] == 'n');
                if ((introducer || national && q == i) && q < n && (b[q] == '\'' || b[q] == '"')) {
                    String name = national ? "_utf8mb3" : new String(b, start, i - start, StandardCharsets.US_ASCII);
                    i = literal(start, q, name);
                }
            } else if (c >= 0x80 && cs.leadByte(c)) {
                i += 2;
            } else {
                i++;
            }
        }
        flush(n);
        return out.toString();
    }

    /**
     * A string literal whose quote is at {@code quote} (introducer, if any, from {@code start}).
     *
     * @return the index after its closing quote
     */
    private int literal(int start, int quote, String introducer) {
        int n = b.length;
        byte q = b[quote];
        int i = quote + 1;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c == '\\' && !noBackslashEscapes) {
                i += 2;
            } else if (c == q) {
                if (i + 1 < n && b[i + 1] == q) {
                    i += 2;
                } else {
                    break;
                }
            } else if (c >= 0x80 && cs.leadByte(c)) {
                i += 2;
            } else {
                i++;
            }
        }
        int close = Math.min(i, n); // unterminated: the server reports the syntax error
        if (close >= n) return n;
        if (keepsAsText(quote + 1, close, introducer)) return close + 1;
        flush(start);
        out.append(introducer != null ? introducer : "_binary").append(" X'");
        unescapeAsHex(quote + 1, close, q);
        out.append('\'');
        pending = close + 1;
        return close + 1;
    }

    private boolean keepsAsText(int from, int to, String introducer) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return true;
        if (introducer != null && !cs.utf8()) return false;
        return cs.decodeStrict(b, from, to) != null;
    }

    /** The literal's value (escapes resolved as the server resolves them) as hex digits. */
    private void unescapeAsHex(int from, int to, byte quote) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c == '\\' && !noBackslashEscapes && i + 1 < to) {
                int e = b[++i] & 0xff;
                switch (e) {
                    case '0' -> hex(0);
                    case 'b' -> hex(8);
                    case 'n' -> hex('\n');
                    case 'r' -> hex('\r');
                    case 't' -> hex('\t');
                    case 'Z' -> hex(0x1a);
                    case '%', '_' -> { // kept with their backslash, for LIKE patterns
                        hex('\\');
                        hex(e);
                    }
                    default -> {
                        hex(e);
                        if (e >= 0x80 && cs.leadByte(e) && i + 1 < to) hex(b[++i] & 0xff);
                    }
                }
            } else if (c == (quote & 0xff) && i + 1 < to && b[i + 1] == quote) {
                hex(c);
                i++;
            } else {
                hex(c);
                if (c >= 0x80 && cs.leadByte(c) && i + 1 < to) hex(b[++i] & 0xff);
            }
        }
    }

    private void hex(int v) {
        out.append(HEX[(v >> 4) & 0xf]).append(HEX[v & 0xf]);
    }

    private void flush(int upTo) {
        if (upTo > pending) out.append(cs.decodeLenient(b, pending, upTo));
        pending = Math.max(pending, upTo);
    }

    private int skipQuoted(int i, char quote) {
        int n = b.length;
        i++;
        while (i < n) {
            if (b[i] == quote) {
                if (i + 1 < n && b[i + 1] == quote) i += 2;
                else return i + 1;
            } else {
                i++;
            }
        }
        return n;
    }

    private int indexOf(int from, char a, char c) {
        for (int i = from; i + 1 < b.length; i++) if (b[i] == a && b[i + 1] == c) return i;
        return -1;
    }

    private int at(int i) {
        return i < b.length ? b[i] & 0xff : -1;
    }

    /** Identifier/keyword bytes (non-ASCII bytes belong to identifiers too, e.g. UTF-8 names). */
    private static boolean isWordByte(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    }
}
