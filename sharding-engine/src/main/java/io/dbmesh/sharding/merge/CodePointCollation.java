package io.dbmesh.sharding.merge;

import java.util.Arrays;

/**
 * {@code utf8mb4_bin}, {@code utf8mb3_bin}, {@code latin1_bin}: character order with PAD SPACE
 * (trailing spaces do not count: {@code 'a' = 'a '}, and {@code 'a\t' < 'a'} because TAB sorts
 * before the padding space). For UTF-8, byte order equals code point order, so only the padding
 * needs care. {@code latin1_bin} orders by the cp1252 byte (MariaDB's latin1 is cp1252), which
 * differs from code point order for the characters cp1252 puts at 0x80–0x9F (€, Œ, ‚ …).
 */
public record CodePointCollation(int id, String name, boolean cp1252) implements Collation {

    /** Unicode code points of cp1252 bytes 0x80..0x9F (MariaDB keeps the 5 undefined ones as C1 controls). */
    private static final int[] CP1252_HIGH = {0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
            0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
            0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};

    public CodePointCollation(int id, String name) {
        this(id, name, false);
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        if (cp1252) return compareLatin1(a, b);
        int n = Math.min(a.length, b.length);
        int i = Arrays.mismatch(a, 0, n, b, 0, n);
        if (i >= 0) return Integer.compare(a[i] & 0xff, b[i] & 0xff);
        // One is a prefix of the other: the rest of the longer one is compared with spaces.
        byte[] longer = a.length > b.length ? a : b;
        for (int k = n; k < longer.length; k++) {
            int c = longer[k] & 0xff;
            if (c != ' ') {
                int sign = c < ' ' ? -1 : 1;
                return longer == a ? sign : -sign;
            }
        }
        return 0;
    }

    private int compareLatin1(byte[] a, byte[] b) {
        byte[] x = toLatin1(a), y = toLatin1(b);
        return new CodePointCollation(id, name, false).compare(x, y);
    }

    /** UTF-8 text of a latin1 column back to its cp1252 bytes (every character fits). */
    private static byte[] toLatin1(byte[] utf8) {
        String s = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) out[i] = (byte) latin1Byte(s.charAt(i));
        return out;
    }

    private static int latin1Byte(char c) {
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return c;
        for (int k = 0; k < CP1252_HIGH.length; k++) if (CP1252_HIGH[k] == c) return 0x80 + k;
        return '?';
    }

    @Override
    public byte[] key(byte[] value) {
        int end = value.length;
        while (end > 0 && value[end - 1] == ' ') end--;
        return end == value.length ? value : Arrays.copyOf(value, end);
    }
}
