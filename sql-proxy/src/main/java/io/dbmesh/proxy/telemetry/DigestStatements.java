package io.dbmesh.proxy.telemetry;

import io.dbmesh.mesh.digest.DigestRow;
import io.dbmesh.mesh.digest.DigestTable;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.sharding.merge.ListCursor;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SHOW DBMESH DIGESTS [ORDER BY column [ASC|DESC]] [LIMIT n]} and {@code DBMESH RESET
 * DIGESTS}, answered by the sidecar from the digest table: one row per (logical database, user,
 * normalised statement) with count, errors, rows and times. Default order: total time, largest first.
 */
public final class DigestStatements {
    private static final Pattern SHOW = Pattern.compile(
            "\\s*SHOW\\s+DBMESH\\s+DIGESTS(?:\\s+ORDER\\s+BY\\s+(\\w+)(?:\\s+(ASC|DESC))?)?(?:\\s+LIMIT\\s+(\\d{1,9}))?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESET = Pattern.compile("\\s*DBMESH\\s+RESET\\s+DIGESTS\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_SHOW = Pattern.compile("\\s*SHOW\\s+DBMESH\\s+DIGESTS\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final int UTF8MB4 = 45;
    static final List<String> COLUMNS = List.of("database", "user", "digest", "count", "errors", "rows", "total_ms",
            "avg_ms", "min_ms", "max_ms", "p95_ms", "first_seen", "last_seen");

    private DigestStatements() {
    }

    /** True for any {@code SHOW DBMESH DIGESTS …} (a malformed tail is then reported by {@link #answer}). */
    public static boolean isShow(String sql) {
        return ANY_SHOW.matcher(sql).matches();
    }

    public static boolean isReset(String sql) {
        return RESET.matcher(sql).matches();
    }

    /** Clears the table (or says digests are off). */
    public static void reset(DigestTable table) throws MySqlException {
        if (table == null) throw off();
        table.reset();
    }

    /**
     * @param visible which logical databases the asking user may see (rows of others are left out)
     */
    public static RowCursor answer(String sql, DigestTable table, Predicate<String> visible) throws MySqlException {
        if (table == null) throw off();
        Matcher m = SHOW.matcher(sql);
        if (!m.matches()) {
            throw new MySqlException(1064, "42000", "You have an error in your SQL syntax: expected SHOW DBMESH DIGESTS"
                    + " [ORDER BY column [ASC|DESC]] [LIMIT n]");
        }
        String orderBy = m.group(1) == null ? "total_ms" : m.group(1).toLowerCase(Locale.ROOT);
        boolean ascending = m.group(2) != null ? m.group(2).equalsIgnoreCase("ASC") : m.group(1) == null ? false
                : !isNumeric(orderBy);
        if (!COLUMNS.contains(orderBy)) {
            throw new MySqlException(1054, "42S22", "Unknown column '" + m.group(1) + "' in 'order clause' (columns: "
                    + String.join(", ", COLUMNS) + ")");
        }
        long limit = m.group(3) == null ? Long.MAX_VALUE : Long.parseLong(m.group(3));
        List<DigestRow> rows = new ArrayList<>();
        for (DigestRow r : table.snapshot()) if (visible.test(r.database())) rows.add(r);
        Comparator<DigestRow> order = comparator(orderBy);
        rows.sort(ascending ? order : order.reversed());
        List<byte[][]> out = new ArrayList<>();
        for (DigestRow r : rows) {
            if (out.size() >= limit) break;
            out.add(new byte[][]{text(r.database()), text(r.user()), text(r.digest()), text(Long.toString(r.count())),
                    text(Long.toString(r.errors())), text(Long.toString(r.rows())), millis(r.totalNanos()),
                    millis(r.count() == 0 ? 0 : r.totalNanos() / r.count()), millis(r.minNanos()), millis(r.maxNanos()),
                    millis(r.p95Nanos()), text(Instant.ofEpochMilli(r.firstSeenMillis()).toString()),
                    text(Instant.ofEpochMilli(r.lastSeenMillis()).toString())});
        }
        return new ListCursor(columns(), out);
    }

    private static boolean isNumeric(String column) {
        return !(column.equals("database") || column.equals("user") || column.equals("digest")
                || column.equals("first_seen") || column.equals("last_seen"));
    }

    private static Comparator<DigestRow> comparator(String column) {
        return switch (column) {
            case "database" -> Comparator.comparing(DigestRow::database);
            case "user" -> Comparator.comparing(DigestRow::user);
            case "digest" -> Comparator.comparing(DigestRow::digest);
            case "count" -> Comparator.comparingLong(DigestRow::count);
            case "errors" -> Comparator.comparingLong(DigestRow::errors);
            case "rows" -> Comparator.comparingLong(DigestRow::rows);
            case "avg_ms" -> Comparator.comparingDouble(r -> r.count() == 0 ? 0 : (double) r.totalNanos() / r.count());
            case "min_ms" -> Comparator.comparingLong(DigestRow::minNanos);
            case "max_ms" -> Comparator.comparingLong(DigestRow::maxNanos);
            case "p95_ms" -> Comparator.comparingLong(DigestRow::p95Nanos);
            case "first_seen" -> Comparator.comparingLong(DigestRow::firstSeenMillis);
            case "last_seen" -> Comparator.comparingLong(DigestRow::lastSeenMillis);
            default -> Comparator.comparingLong(DigestRow::totalNanos);
        };
    }

    private static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        for (String name : COLUMNS) {
            if (name.endsWith("_ms")) {
                columns.add(new Column("", "", "", name, name, 63, 20, ColumnType.NEWDECIMAL, ColumnFlags.BINARY, 3));
            } else if (name.equals("count") || name.equals("errors") || name.equals("rows")) {
                columns.add(new Column("", "", "", name, name, 63, 20, ColumnType.LONGLONG, ColumnFlags.BINARY, 0));
            } else {
                columns.add(new Column("", "", "", name, name, UTF8MB4, 4096, ColumnType.VAR_STRING, 0, 0));
            }
        }
        return columns;
    }

    private static MySqlException off() {
        return new MySqlException(1235, "42000", "This version of dbmesh doesn't yet support 'digests while telemetry.digests is off'"
                + " (enable them in the config)");
    }

    private static byte[] millis(long nanos) {
        return text(BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(1_000_000), 3, RoundingMode.HALF_UP).toPlainString());
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
