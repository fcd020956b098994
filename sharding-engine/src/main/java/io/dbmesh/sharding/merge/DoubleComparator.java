package io.dbmesh.sharding.merge;

import java.nio.charset.StandardCharsets;

/** FLOAT and DOUBLE: parsed as doubles ("1e20", "-0.5" …), so 0 and -0 are equal; NULL first. */
enum DoubleComparator implements ValueComparator {
    INSTANCE;

    static double parse(byte[] v) {
        return Double.parseDouble(new String(v, StandardCharsets.ISO_8859_1));
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        if (a == null || b == null) return a == b ? 0 : a == null ? -1 : 1;
        double x = parse(a), y = parse(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }

    @Override
    public byte[] key(byte[] value) {
        if (value == null) return null;
        double d = parse(value);
        return Double.toString(d == 0 ? 0.0 : d).getBytes(StandardCharsets.ISO_8859_1);
    }
}
