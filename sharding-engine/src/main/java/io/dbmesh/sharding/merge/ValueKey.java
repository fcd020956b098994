package io.dbmesh.sharding.merge;

import java.util.Arrays;

/** A normalized value key ({@link ValueComparator#key}) usable in hash sets and maps. */
record ValueKey(byte[] key) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ValueKey other && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
