package io.dbmesh.sharding.merge;

/** A column of type NULL (e.g. {@code SELECT NULL}): every value is NULL, all equal. */
enum NullComparator implements ValueComparator {
    INSTANCE;

    @Override
    public int compare(byte[] a, byte[] b) {
        if (a == null || b == null) return a == b ? 0 : a == null ? -1 : 1;
        return 0;
    }

    @Override
    public byte[] key(byte[] value) {
        return value == null ? null : new byte[0];
    }
}
