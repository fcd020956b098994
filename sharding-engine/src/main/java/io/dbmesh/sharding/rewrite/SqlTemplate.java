package io.dbmesh.sharding.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Physical SQL with holes: the statement is deparsed once per plan (not per shard) with markers
 * where logical table names and a rewritten LIMIT go; rendering for a shard only concatenates.
 * Table holes are keyed by lower-case logical table name.
 */
public final class SqlTemplate {
    static final char OPEN = '\u0001', CLOSE = '\u0002';
    /** The marker text a LIMIT row count is replaced with before deparsing. */
    public static final String LIMIT_MARKER = OPEN + "#limit" + CLOSE;

    private sealed interface Segment permits Text, TableHole, LimitHole {
    }

    private record Text(String text) implements Segment {
    }

    private record TableHole(String logical) implements Segment {
    }

    private record LimitHole() implements Segment {
    }

    private final List<Segment> segments;

    private SqlTemplate(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /** The marker a table name is replaced with before deparsing. */
    public static String tableMarker(String logical) {
        return OPEN + logical.toLowerCase(Locale.ROOT) + CLOSE;
    }

    public static SqlTemplate parse(String deparsed) {
        List<Segment> out = new ArrayList<>();
        int pos = 0;
        while (pos < deparsed.length()) {
            int open = deparsed.indexOf(OPEN, pos);
            if (open < 0) {
                out.add(new Text(deparsed.substring(pos)));
                break;
            }
            if (open > pos) out.add(new Text(deparsed.substring(pos, open)));
            int close = deparsed.indexOf(CLOSE, open);
            String name = deparsed.substring(open + 1, close);
            out.add(name.equals("#limit") ? new LimitHole() : new TableHole(name));
            pos = close + 1;
        }
        return new SqlTemplate(out);
    }

    /** A template without holes. */
    public static SqlTemplate literal(String sql) {
        return new SqlTemplate(List.of(new Text(sql)));
    }

    /**
     * @param physical lower-case logical name → physical name; names not in the map stay as they are
     * @param limit    the LIMIT row count text, or null when the template has no LIMIT hole
     */
    public String render(Map<String, String> physical, String limit) {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            switch (s) {
                case Text t -> b.append(t.text());
                case TableHole h -> b.append('`').append(physical.getOrDefault(h.logical(), h.logical())).append('`');
                case LimitHole l -> b.append(limit);
            }
        }
        return b.toString();
    }

    public boolean hasLimitHole() {
        return segments.stream().anyMatch(s -> s instanceof LimitHole);
    }
}
