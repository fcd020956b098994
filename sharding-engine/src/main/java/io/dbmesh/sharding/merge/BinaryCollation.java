package io.dbmesh.sharding.merge;

import java.util.Arrays;

/** {@code binary} and {@code *_nopad_bin}: unsigned byte order, trailing spaces significant. */
public record BinaryCollation(int id, String name) implements Collation {

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public byte[] key(byte[] value) {
        return value;
    }
}
