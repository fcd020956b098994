package io.dbmesh.sharding.merge;

/** MySQL TIME text ("-838:59:59.000000" … "838:59:59.000000") as signed microseconds. */
public final class TimeValues {
    private TimeValues() {
    }

    public static long micros(byte[] v) {
        return TimeComparator.micros(v);
    }
}
