package io.dbmesh.sharding.merge;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DATE, DATETIME and TIMESTAMP values of possibly different shapes ('2024-06-01' against
 * '2024-06-01 10:00:00.5'), compared as MariaDB compares temporal values: both widened to
 * 'YYYY-MM-DD HH:MM:SS.ffffff' (a date is its midnight) and then compared as text. Used where a
 * HAVING condition compares a temporal column with a literal; merges of one column compare its
 * canonical text directly.
 */
enum DateTimeComparator implements ValueComparator {
    INSTANCE;

    static final String PATTERN = "\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?)?";

    static byte[] widen(byte[] v) {
        byte[] out = "0000-00-00 00:00:00.000000".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(v, 0, out, 0, Math.min(v.length, out.length));
        if (v.length == 19) out[19] = '.'; // no fraction: keep ".000000"
        return out;
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        if (a == null || b == null) return a == b ? 0 : a == null ? -1 : 1;
        return Integer.signum(Arrays.compare(widen(a), widen(b)));
    }

    @Override
    public byte[] key(byte[] value) {
        return value == null ? null : widen(value);
    }
}
