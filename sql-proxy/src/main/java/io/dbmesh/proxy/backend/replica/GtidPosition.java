package io.dbmesh.proxy.backend.replica;

import java.util.Map;
import java.util.TreeMap;

/**
 * A MariaDB GTID position: per replication domain, the last transaction (server id, sequence
 * number), e.g. {@code 0-1-42,1-7-3}. Sequence numbers grow within a domain (gtid_strict_mode),
 * so positions merge by keeping the larger sequence per domain, and a position covers another when
 * it is at least as far in every domain the other mentions.
 *
 * @param domains domain id → the last GTID of that domain
 */
public record GtidPosition(Map<Long, Gtid> domains) {

    public static final GtidPosition EMPTY = new GtidPosition(Map.of());

    /** One global transaction id {@code domain-server-sequence}. */
    public record Gtid(long domain, long server, long sequence) {
        @Override
        public String toString() {
            return Long.toUnsignedString(domain) + "-" + Long.toUnsignedString(server) + "-" + Long.toUnsignedString(sequence);
        }
    }

    public GtidPosition {
        domains = Map.copyOf(domains);
    }

    /**
     * Parses {@code @@last_gtid}, {@code @@gtid_slave_pos} or {@code @@gtid_binlog_pos} text;
     * null or blank is the empty position.
     *
     * @throws IllegalArgumentException for text that is not a GTID list
     */
    public static GtidPosition parse(String text) {
        if (text == null || text.isBlank()) return EMPTY;
        Map<Long, Gtid> out = new TreeMap<>();
        for (String part : text.split(",")) {
            String gtid = part.trim();
            if (gtid.isEmpty()) continue;
            String[] fields = gtid.split("-");
            if (fields.length != 3) throw new IllegalArgumentException("not a GTID: '" + gtid + "'");
            try {
                Gtid g = new Gtid(Long.parseUnsignedLong(fields[0]), Long.parseUnsignedLong(fields[1]),
                        Long.parseUnsignedLong(fields[2]));
                out.merge(g.domain(), g, GtidPosition::later);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a GTID: '" + gtid + "'");
            }
        }
        return new GtidPosition(out);
    }

    public boolean isEmpty() {
        return domains.isEmpty();
    }

    /** The later of both positions in every domain. */
    public GtidPosition merge(GtidPosition other) {
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        Map<Long, Gtid> out = new TreeMap<>(domains);
        other.domains.values().forEach(g -> out.merge(g.domain(), g, GtidPosition::later));
        return new GtidPosition(out);
    }

    /** True when a server at this position has applied everything {@code required} names. */
    public boolean covers(GtidPosition required) {
        for (Gtid need : required.domains.values()) {
            Gtid have = domains.get(need.domain());
            if (have == null || Long.compareUnsigned(have.sequence(), need.sequence()) < 0) return false;
        }
        return true;
    }

    private static Gtid later(Gtid a, Gtid b) {
        return Long.compareUnsigned(a.sequence(), b.sequence()) >= 0 ? a : b;
    }

    /** The MariaDB text form, accepted by {@code MASTER_GTID_WAIT}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(domains).values().forEach(g -> (sb.isEmpty() ? sb : sb.append(',')).append(g));
        return sb.toString();
    }
}
