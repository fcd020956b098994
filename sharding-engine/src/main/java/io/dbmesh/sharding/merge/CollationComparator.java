package io.dbmesh.sharding.merge;

/** Strings (and canonical temporal text, BIT, binary) under a collation; NULL first. */
record CollationComparator(Collation collation) implements ValueComparator {

    @Override
    public int compare(byte[] a, byte[] b) {
        if (a == null || b == null) return a == b ? 0 : a == null ? -1 : 1;
        return collation.compare(a, b);
    }

    @Override
    public byte[] key(byte[] value) {
        return value == null ? null : collation.key(value);
    }
}
