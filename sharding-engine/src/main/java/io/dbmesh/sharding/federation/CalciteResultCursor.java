package io.dbmesh.sharding.federation;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.sharding.merge.MariaDbDoubleFormat;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Calcite's result as a RowCursor: MySQL column definitions for Calcite's types and values in the
 * text form MariaDB would send (DECIMAL at its scale, DOUBLE/FLOAT printed like MariaDB, booleans
 * as 1/0, DATETIME with exactly its fraction digits, CHAR without padding). Closing it closes the
 * shard cursors still open and gives the compiled statement back for the next execution.
 */
final class CalciteResultCursor implements RowCursor {
    private final CompiledStatement compiled;
    private final java.util.function.Consumer<CompiledStatement> release;
    private final ResultSet rs;
    private boolean failed, closed;
    private final List<Column> columns = new ArrayList<>();
    private final List<SqlTypeName> types = new ArrayList<>();
    private byte[][] current;

    /** @param release takes the compiled statement back after a clean execution (for the next one) */
    CalciteResultCursor(CompiledStatement compiled, ResultSet rs, java.util.function.Consumer<CompiledStatement> release)
            throws SQLException {
        this.compiled = compiled;
        this.release = release;
        this.rs = rs;
        List<String> itemTexts = compiled.itemTexts();
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            SqlTypeName type = SqlTypeName.getNameForJdbcType(md.getColumnType(i));
            if (type == null) type = SqlTypeName.VARCHAR;
            int precision = md.getPrecision(i);
            if (type == SqlTypeName.BIGINT && i - 1 < itemTexts.size() && isSum(itemTexts.get(i - 1))) {
                // MySqlTypeSystem sums integers as BIGINT (Calcite's accumulator cannot widen to
                // DECIMAL); MariaDB's SUM of integers is a DECIMAL 22 digits wider: same digits
                type = SqlTypeName.DECIMAL;
                precision = Math.min(65, precision + 22);
            }
            // Calcite computes STDDEV_*/VAR_* from sums in DECIMAL; MariaDB's are DOUBLE with fixed
            // decimals (scale + 4), printed with them: same text, another type
            boolean statistic = type == SqlTypeName.DECIMAL && i - 1 < itemTexts.size() && isCall(STATISTIC, itemTexts.get(i - 1));
            types.add(type);
            String label = md.getColumnLabel(i);
            if (label.matches("EXPR\\$\\d+") && i - 1 < itemTexts.size()) label = SelectItemTexts.columnName(itemTexts.get(i - 1)); // MariaDB names it by its text
            else label = repeatedName(label, md.getColumnName(i), compiled.key().sql());
            Column column = TypeMapping.column(label, type, precision, type == SqlTypeName.DECIMAL ? Math.max(0, md.getScale(i)) : md.getScale(i),
                    md.isNullable(i) != ResultSetMetaData.columnNoNulls);
            if (statistic) {
                column = new Column(column.schema(), column.table(), column.orgTable(), column.name(), column.orgName(),
                        column.charset(), 23, io.dbmesh.core.result.ColumnType.DOUBLE, column.flags(), column.decimals());
            }
            columns.add(column);
        }
    }

    /**
     * Calcite makes repeated field names unique ({@code order_id0} for the second {@code order_id}
     * of {@code SELECT *} over a join); MariaDB repeats the name. The column's own name is taken back
     * unless the statement itself wrote the suffixed name.
     */
    private static final String SUM = "SUM";
    private static final String STATISTIC = "STDDEV_POP|STDDEV_SAMP|VAR_POP|VAR_SAMP";

    /** Whether a select item is a SUM(...) of its own (optionally aliased), not an expression over one. */
    static boolean isSum(String item) {
        return isCall(SUM, item);
    }

    /** Whether a select item is a call of one of {@code names} (a regex alternation) of its own, optionally aliased. */
    static boolean isCall(String names, String item) {
        return java.util.regex.Pattern.compile("(?is)(?:" + names + ")\\s*\\((?:[^()]|\\([^()]*\\))*\\)(?:\\s+(?:AS\\s+)?[`\\w$]+)?")
                .matcher(BlankedSql.of(item).trim()).matches();
    }

    static String repeatedName(String label, String columnName, String sql) {
        if (columnName == null || columnName.isEmpty() || label.length() <= columnName.length()
                || !label.regionMatches(true, 0, columnName, 0, columnName.length())
                || !label.substring(columnName.length()).chars().allMatch(Character::isDigit)) {
            return label;
        }
        boolean written = java.util.regex.Pattern.compile("(?i)(?<![\\w$])" + java.util.regex.Pattern.quote(label) + "(?![\\w$])")
                .matcher(BlankedSql.of(sql)).find();
        return written ? label : columnName;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        try {
            if (!rs.next()) {
                current = null;
                return false;
            }
            byte[][] row = new byte[columns.size()][];
            for (int i = 0; i < row.length; i++) row[i] = text(i);
            current = row;
            return true;
        } catch (SQLException | RuntimeException e) {
            failed = true;
            throw CalciteFederation.translate(e);
        }
    }

    private byte[] text(int i) throws SQLException {
        int jdbc = i + 1;
        Column c = columns.get(i);
        String s = switch (types.get(i)) {
            case DECIMAL -> {
                // The value's own scale, as MariaDB prints it (ROUND(AVG(x), 2) is 375.95 although
                // Calcite types it like AVG(x)); never more digits than the column has.
                BigDecimal d = rs.getBigDecimal(jdbc);
                yield d == null ? null : (d.scale() > c.decimals() && c.decimals() >= 0 && c.decimals() <= 30
                        ? d.setScale(c.decimals(), RoundingMode.HALF_UP) : d).toPlainString();
            }
            case DOUBLE -> {
                double d = rs.getDouble(jdbc);
                yield rs.wasNull() ? null : MariaDbDoubleFormat.format(d);
            }
            case REAL, FLOAT -> {
                float f = rs.getFloat(jdbc);
                yield rs.wasNull() ? null : MariaDbDoubleFormat.formatFloat(f);
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(jdbc);
                yield rs.wasNull() ? null : b ? "1" : "0";
            }
            case TIMESTAMP, TIME -> fraction(rs.getString(jdbc), c.decimals());
            case CHAR -> {
                String v = rs.getString(jdbc);
                yield v == null ? null : v.stripTrailing();
            }
            case BINARY, VARBINARY -> {
                byte[] b = rs.getBytes(jdbc);
                yield b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
            }
            default -> rs.getString(jdbc);
        };
        if (s == null) return null;
        return (types.get(i) == SqlTypeName.BINARY || types.get(i) == SqlTypeName.VARBINARY)
                ? s.getBytes(StandardCharsets.ISO_8859_1) : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Exactly {@code decimals} fraction digits, as MariaDB prints DATETIME(n) and TIME(n). */
    private static String fraction(String s, int decimals) {
        if (s == null) return null;
        int dot = s.indexOf('.', s.lastIndexOf(':'));
        String whole = dot < 0 ? s : s.substring(0, dot);
        if (decimals <= 0) return whole;
        String digits = dot < 0 ? "" : s.substring(dot + 1);
        digits = (digits + "000000").substring(0, decimals);
        return whole + "." + digits;
    }

    @Override
    public byte[] value(int index) {
        return current[index];
    }

    @Override
    public void close() {
        if (closed) return; // giving the statement back twice would lend it to two executions
        closed = true;
        try {
            rs.close(); // closes Calcite's enumerators, which close the shard cursors still open
        } catch (SQLException | RuntimeException e) {
            failed = true;
        }
        if (failed) compiled.close(); // state after an error is not trusted for the next execution
        else release.accept(compiled);
    }
}
