package io.dbmesh.txn;

import java.nio.charset.StandardCharsets;

/**
 * An XA transaction id as MariaDB/MySQL keep it: global transaction id, branch qualifier, format id.
 *
 * <p>dbmesh's own ids are recognisable by {@link #FORMAT_ID} ({@code 0x64626D68}, "dbmh") and a
 * gtrid starting with {@code dbmesh:}; recovery never touches any other xid. The gtrid is
 * {@code dbmesh:<owner>:<start>.<seq>}: {@code owner} is the sidecar process that started the
 * transaction (its lease row in the decision log says whether it is alive), {@code start} the
 * transaction's start in epoch milliseconds (base 36, so recovery knows a branch's age), {@code seq}
 * a counter of that process (base 36). The bqual is the data source's name: the branches of one
 * transaction share the gtrid and differ by bqual, also when two data sources live on one server.
 * Every part is ASCII letters, digits, {@code : . _ -}, so it can be written as a plain quoted literal.
 */
public record Xid(String gtrid, String bqual, long formatId) {
    /** "dbmh" in ASCII. */
    public static final long FORMAT_ID = 0x64626D68L;
    public static final String PREFIX = "dbmesh:";
    /** MariaDB's limit for gtrid and bqual each. */
    public static final int MAX_PART = 64;

    /** Whether this id was made by dbmesh (and so may be resolved by dbmesh's recovery). */
    public boolean isDbmesh() {
        return formatId == FORMAT_ID && gtrid.startsWith(PREFIX) && safe(gtrid) && safe(bqual);
    }

    /** The xid as XA statements take it: {@code 'gtrid','bqual',formatID}. */
    public String sql() {
        if (!safe(gtrid) || !safe(bqual)) {
            throw new IllegalStateException("not a dbmesh xid: " + this);
        }
        return "'" + gtrid + "','" + bqual + "'," + formatId;
    }

    /** The owner part of a dbmesh gtrid, or null. */
    public String owner() {
        return ownerOf(gtrid);
    }

    /** Start of the transaction in epoch ms from a dbmesh gtrid, or -1. */
    public long startMillis() {
        return startOf(gtrid);
    }

    static String ownerOf(String gtrid) {
        if (!gtrid.startsWith(PREFIX)) return null;
        int end = gtrid.lastIndexOf(':');
        return end <= PREFIX.length() ? null : gtrid.substring(PREFIX.length(), end);
    }

    static long startOf(String gtrid) {
        int colon = gtrid.lastIndexOf(':');
        int dot = gtrid.indexOf('.', colon + 1);
        if (colon < 0 || dot < 0) return -1;
        try {
            return Long.parseLong(gtrid.substring(colon + 1, dot), 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** One row of {@code XA RECOVER}: data is gtrid followed by bqual. */
    public static Xid fromRecoverRow(long formatId, int gtridLength, int bqualLength, byte[] data) {
        int g = Math.min(gtridLength, data.length);
        String gtrid = new String(data, 0, g, StandardCharsets.ISO_8859_1);
        String bqual = new String(data, g, Math.max(0, Math.min(bqualLength, data.length - g)), StandardCharsets.ISO_8859_1);
        return new Xid(gtrid, bqual, formatId);
    }

    static boolean safe(String part) {
        if (part.isEmpty() || part.length() > MAX_PART) return false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ':' || c == '.' || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return gtrid + "," + bqual + "," + formatId;
    }
}
