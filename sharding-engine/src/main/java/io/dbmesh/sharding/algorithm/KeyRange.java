package io.dbmesh.sharding.algorithm;

/**
 * Bounds on a shard key from {@code BETWEEN}, {@code <}, {@code <=}, {@code >}, {@code >=}; a null
 * bound is unbounded.
 */
public record KeyRange(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {

    public static KeyRange atLeast(Object v, boolean inclusive) {
        return new KeyRange(v, inclusive, null, false);
    }

    public static KeyRange atMost(Object v, boolean inclusive) {
        return new KeyRange(null, false, v, inclusive);
    }

    public static KeyRange between(Object lo, Object hi) {
        return new KeyRange(lo, true, hi, true);
    }

    @Override
    public String toString() {
        return (lower == null ? "(-inf" : (lowerInclusive ? "[" : "(") + lower) + ", "
                + (upper == null ? "+inf)" : upper + (upperInclusive ? "]" : ")"));
    }
}
