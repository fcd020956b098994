package io.dbmesh.sharding.merge;

import java.io.ByteArrayOutputStream;

/**
 * A case- and accent-insensitive MariaDB collation ({@code utf8mb4_general_ci},
 * {@code utf8mb4_unicode_ci}, {@code utf8mb4_unicode_520_ci}, {@code latin1_swedish_ci},
 * {@code latin1_general_ci} and their utf8mb3 twins): strings compare by their sequences of primary
 * weights, PAD SPACE (the shorter sequence is extended with the space's weight, so trailing spaces
 * are ignored and characters weighing less than a space sort before the end); the {@code _nopad_ci}
 * variants compare the weight strings as they are.
 *
 * <p>Characters outside the BMP: {@code general_ci} and {@code unicode_ci} (UCA 4.0.0) give them all
 * the weight of U+FFFD, as MariaDB does; {@code unicode_520_ci} gets UCA's implicit weights (exact
 * for unassigned and CJK code points; UCA 5.2 assigned letters outside the BMP — Gothic, math
 * alphanumerics … — are a documented limit). The table loads on first use.
 */
public final class WeightCollation implements Collation {
    private final int id;
    private final String name;
    private final String tableName;
    private final boolean implicitSupplementary;
    private final boolean padSpace;
    private volatile WeightTable table;
    private int spaceWeight = -1;

    WeightCollation(int id, String name, String tableName, boolean implicitSupplementary, boolean padSpace) {
        this.id = id;
        this.padSpace = padSpace;
        this.name = name;
        this.tableName = tableName;
        this.implicitSupplementary = implicitSupplementary;
    }

    /** The same weights under another id and name (utf8mb3 twins of utf8mb4 collations). */
    WeightCollation twin(int twinId, String twinName) {
        return new WeightCollation(twinId, twinName, tableName, implicitSupplementary, padSpace);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    private WeightTable table() {
        WeightTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = WeightTable.shared(tableName);
                    spaceWeight = t.weight(t.start(' '));
                    table = t;
                }
            }
        }
        return t;
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        WeightTable t = table();
        Weights wa = new Weights(t, a), wb = new Weights(t, b);
        while (true) {
            int x = wa.next(), y = wb.next();
            if (x < 0 && y < 0) return 0;
            if (x < 0) return -padCompare(wb, y);
            if (y < 0) return padCompare(wa, x);
            if (x != y) return Integer.compare(x, y);
        }
    }

    /** Sign of (rest of the longer string) versus (spaces), starting with its current weight w. */
    private int padCompare(Weights rest, int w) {
        if (!padSpace) return 1; // NO PAD: the longer weight string is greater
        for (; w >= 0; w = rest.next()) {
            if (w != spaceWeight) return w < spaceWeight ? -1 : 1;
        }
        return 0;
    }

    @Override
    public byte[] key(byte[] value) {
        WeightTable t = table();
        Weights ws = new Weights(t, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length * 2);
        int pendingSpaces = 0; // trailing space weights are dropped (PAD SPACE)
        for (int w = ws.next(); w >= 0; w = ws.next()) {
            if (w == spaceWeight && padSpace) {
                pendingSpaces++;
                continue;
            }
            for (; pendingSpaces > 0; pendingSpaces--) {
                out.write(spaceWeight >> 8);
                out.write(spaceWeight);
            }
            out.write(w >> 8);
            out.write(w);
        }
        return out.toByteArray();
    }

    /** Walks the weights of a UTF-8 string, expanding characters with several weights. */
    private final class Weights {
        private final WeightTable t;
        private final byte[] s;
        private int pos;
        private int next = 0, end = 0;   // pending weights of the current BMP character
        private int implicitSecond = -1; // second weight of a supplementary character

        Weights(WeightTable t, byte[] s) {
            this.t = t;
            this.s = s;
        }

        /** Next weight, or -1 at the end. */
        int next() {
            while (true) {
                if (next < end) return t.weight(next++);
                if (implicitSecond >= 0) {
                    int w = implicitSecond;
                    implicitSecond = -1;
                    return w;
                }
                if (pos >= s.length) return -1;
                int cp = decode();
                if (cp < 0x10000) {
                    next = t.start(cp);
                    end = t.end(cp);
                    continue; // ignorable characters have no weights
                }
                if (!implicitSupplementary) return 0xFFFD;
                int base = (cp >= 0x20000 && cp <= 0x2A6D6) || (cp >= 0x2A700 && cp <= 0x2B81D) ? 0xFB80 : 0xFBC0;
                implicitSecond = (cp & 0x7FFF) | 0x8000;
                return base + (cp >> 15);
            }
        }

        /** Decodes one UTF-8 character; a malformed byte counts as U+FFFD. */
        private int decode() {
            int b0 = s[pos] & 0xff;
            int len = b0 < 0x80 ? 1 : b0 >= 0xF0 && b0 < 0xF8 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
            if (len == 0 || pos + len > s.length) {
                pos++;
                return 0xFFFD;
            }
            int cp = len == 1 ? b0 : len == 2 ? b0 & 0x1F : len == 3 ? b0 & 0x0F : b0 & 0x07;
            for (int k = 1; k < len; k++) {
                int c = s[pos + k] & 0xff;
                if ((c & 0xC0) != 0x80) {
                    pos++;
                    return 0xFFFD;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            pos += len;
            return cp;
        }
    }
}
