package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.JdbcUrl;
import io.dbmesh.sharding.merge.ListCursor;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The answer to {@code SHOW DBMESH REPLICAS}: one row per member of every replica group —
 * group, member, role, address, state, lag, statements in flight, since when, last error.
 */
public final class ReplicaStatusTable {
    private static final Pattern STATEMENT = Pattern.compile("\\s*SHOW\\s+DBMESH\\s+REPLICAS\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final int UTF8MB4 = 45;
    static final List<String> COLUMN_NAMES = List.of("group", "member", "role", "address", "state",
            "lag_seconds", "in_flight", "since", "last_error");

    private ReplicaStatusTable() {
    }

    /** True for {@code SHOW DBMESH REPLICAS} (any case and spacing, optional semicolon). */
    public static boolean matches(String sql) {
        return STATEMENT.matcher(sql).matches();
    }

    public static RowCursor of(List<ReplicaGroup> groups) {
        List<Column> columns = new ArrayList<>();
        for (String name : COLUMN_NAMES) {
            boolean numeric = name.equals("lag_seconds") || name.equals("in_flight");
            columns.add(numeric
                    ? new Column("", "", "", name, name, 63, 20, ColumnType.LONGLONG, ColumnFlags.BINARY, 0)
                    : new Column("", "", "", name, name, UTF8MB4, 1024, ColumnType.VAR_STRING, 0, 0));
        }
        List<byte[][]> rows = new ArrayList<>();
        for (ReplicaGroup group : groups) {
            for (Member m : group.members()) {
                MemberStatus s = m.status();
                rows.add(new byte[][]{
                        text(group.name()), text(m.name()), text(m.role().name().toLowerCase(Locale.ROOT)),
                        text(address(m)), text(s.state().label()),
                        s.lagSeconds() == null ? null : text(Long.toString(s.lagSeconds())),
                        text(Integer.toString(m.inFlight())),
                        text(DateTimeFormatter.ISO_INSTANT.format(s.since())),
                        s.lastError() == null ? null : text(s.lastError())});
            }
        }
        return new ListCursor(columns, rows);
    }

    private static String address(Member m) {
        try {
            JdbcUrl url = JdbcUrl.parse(m.dataSource().url());
            return String.join(",", url.hosts().stream().map(Object::toString).toList()) + "/" + url.database();
        } catch (IllegalArgumentException e) {
            return JdbcUrl.redact(m.dataSource().url());
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
