package io.dbmesh.sharding.merge;

import java.nio.charset.StandardCharsets;

/**
 * TIME values are signed durations ({@code -838:59:59.000000} … {@code 838:59:59.000000}) whose hour
 * part has 2 or 3 digits, so their text does not sort: '-10:00:00' &lt; '-09:00:00' and
 * '100:00:00' &gt; '99:00:00'. They compare as microseconds.
 */
enum TimeComparator implements ValueComparator {
    INSTANCE;

    static long micros(byte[] v) {
        int i = 0;
        boolean negative = v.length > 0 && v[0] == '-';
        if (negative) i++;
        long hours = 0, minutes = 0, seconds = 0, fraction = 0;
        for (; i < v.length && v[i] != ':'; i++) hours = hours * 10 + (v[i] - '0');
        for (i++; i < v.length && v[i] != ':'; i++) minutes = minutes * 10 + (v[i] - '0');
        for (i++; i < v.length && v[i] != '.'; i++) seconds = seconds * 10 + (v[i] - '0');
        int digits = 0;
        for (i++; i < v.length && digits < 6; i++, digits++) fraction = fraction * 10 + (v[i] - '0');
        for (; digits < 6; digits++) fraction *= 10;
        long total = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + fraction;
        return negative ? -total : total;
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        if (a == null || b == null) return a == b ? 0 : a == null ? -1 : 1;
        return Long.compare(micros(a), micros(b));
    }

    @Override
    public byte[] key(byte[] value) {
        return value == null ? null : Long.toString(micros(value)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
