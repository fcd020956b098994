package io.dbmesh.proxy.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The character set a client sends its statement text in ({@code character_set_client}), as the
 * sidecar needs it: to turn the client's bytes into the Java text that Connector/J sends on to the
 * backend as UTF-8 (the backend connection keeps {@code character_set_client = utf8mb4} and
 * converts literals to the client's {@code character_set_connection} itself), and to tell which
 * bytes cannot survive that trip, so {@link StatementText} keeps them as hex literals.
 *
 * @param name      MariaDB's name of the character set (lower case)
 * @param java      the Java charset that decodes it exactly, or null when there is none
 *                  ({@code binary}, or a set Java does not know): then only ASCII is text
 * @param multiByte lead bytes of a two-byte character whose second byte may be {@code \} or a
 *                  quote (sjis, cp932, gbk, big5): the scanner must step over such pairs
 */
public record ClientCharset(String name, Charset java, boolean multiByte) {

    public static final ClientCharset UTF8MB4 = new ClientCharset("utf8mb4", StandardCharsets.UTF_8, false);
    private static final Charset LATIN1 = new Latin1Charset();

    /** MariaDB charset → Java charset for the ones a client may use for statement text. */
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("ascii", "US-ASCII"), Map.entry("cp1250", "windows-1250"), Map.entry("cp1251", "windows-1251"),
            Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"),
            Map.entry("cp852", "IBM852"), Map.entry("cp866", "IBM866"), Map.entry("koi8r", "KOI8-R"),
            Map.entry("koi8u", "KOI8-U"), Map.entry("latin2", "ISO-8859-2"), Map.entry("greek", "ISO-8859-7"),
            Map.entry("hebrew", "ISO-8859-8"), Map.entry("latin5", "ISO-8859-9"), Map.entry("latin7", "ISO-8859-13"),
            Map.entry("sjis", "Shift_JIS"), Map.entry("cp932", "windows-31j"), Map.entry("ujis", "EUC-JP"),
            Map.entry("eucjpms", "EUC-JP"), Map.entry("gbk", "GBK"), Map.entry("gb2312", "GB2312"),
            Map.entry("big5", "Big5"), Map.entry("euckr", "EUC-KR"), Map.entry("tis620", "TIS-620"),
            Map.entry("macroman", "x-MacRoman"), Map.entry("macce", "x-MacCentralEurope"));

    /** A MariaDB character set name ({@code utf8} means utf8mb3); unknown names keep only ASCII as text. */
    public static ClientCharset of(String mariadbName) {
        String n = mariadbName.toLowerCase(Locale.ROOT);
        switch (n) {
            case "utf8mb4":
                return UTF8MB4;
            case "utf8", "utf8mb3":
                return new ClientCharset("utf8mb3", StandardCharsets.UTF_8, false);
            case "latin1":
                return new ClientCharset("latin1", LATIN1, false);
            default:
        }
        String javaName = JAVA_NAMES.get(n);
        Charset java = null;
        if (javaName != null && Charset.isSupported(javaName)) java = Charset.forName(javaName);
        boolean multiByte = n.equals("sjis") || n.equals("cp932") || n.equals("gbk") || n.equals("big5");
        return new ClientCharset(n, java, multiByte);
    }

    /** Sets whose bytes 0x00-0x7F are ASCII, as in MariaDB (not sjis/cp932, whose 0x5C and 0x7E Java may read otherwise). */
    private boolean asciiSuperset() {
        return StandardCharsets.UTF_8.equals(java) || java == LATIN1 || StandardCharsets.US_ASCII.equals(java);
    }

    /** UTF-8 (utf8mb4, utf8mb3): the bytes Connector/J sends are the client's own. */
    public boolean utf8() {
        return java == StandardCharsets.UTF_8;
    }

    /** Whether {@code b} starts a two-byte character (only for {@link #multiByte} sets). */
    boolean leadByte(int b) {
        if (!multiByte) return false;
        b &= 0xff;
        return name.equals("sjis") || name.equals("cp932") ? (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)
                : b >= 0x81 && b <= 0xfe;
    }

    /** The bytes as text when every one of them is valid in this set, else null. */
    String decodeStrict(byte[] b, int from, int to) {
        if (java == null || asciiSuperset()) {
            // all ASCII (most statements): the same characters in these sets, and a String made from
            // Latin-1 bytes is one copy, where a decoder allocates itself, a char buffer and the
            // String (the biggest allocation of a bulk INSERT's way in, with the driver's encoding)
            boolean ascii = true;
            for (int i = from; i < to; i++) {
                if (b[i] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
            if (java == null) return null;
        }
        CharsetDecoder d = java.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = d.decode(ByteBuffer.wrap(b, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The bytes as text, invalid ones replaced (for identifiers and comments, which the server would reject anyway). */
    String decodeLenient(byte[] b, int from, int to) {
        return new String(b, from, to - from, java != null ? java : StandardCharsets.ISO_8859_1);
    }

    /** A whole value (a statement parameter) as text, or null when it is not valid in this set. */
    public String text(byte[] b) {
        return decodeStrict(b, 0, b.length);
    }
}
