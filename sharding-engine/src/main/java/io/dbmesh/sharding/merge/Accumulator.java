package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Combines one output column of a group from the shards' partial rows, producing exactly the text
 * one MariaDB server would return for the whole group:
 * <ul>
 *   <li>COUNT: partial counts added (a BIGINT, 0 for no rows);</li>
 *   <li>SUM: exact DECIMAL addition at the column's scale (MariaDB's SUM of integers and decimals is
 *       a DECIMAL), or double addition for FLOAT/DOUBLE printed like MariaDB; NULL if no partial had
 *       a value;</li>
 *   <li>MIN/MAX: by the column's MariaDB comparison, keeping the winner's text as the shard sent it;</li>
 *   <li>AVG: SUM(sums) / SUM(counts) from the hidden columns, rounded half-up to the AVG column's
 *       decimals (the shard's AVG column gave the metadata: scale of x plus 4), or a double;</li>
 *   <li>COUNT_DISTINCT: the shards sent the distinct values (grouped); equal values from several
 *       shards count once, by the column's comparison (collation);</li>
 *   <li>BIT_AND/BIT_OR/BIT_XOR: the partials (64-bit unsigned) combined by the same operation,
 *       starting from its identity (all ones for AND), so no rows give what MariaDB gives;</li>
 *   <li>GROUP_KEY: the group's first value.</li>
 * </ul>
 * Limit: FLOAT/DOUBLE sums add the shards' partial sums, so the last digits can differ from one
 * server adding the same rows in another order (floating point addition is not associative).
 */
abstract sealed class Accumulator {

    abstract void add(RowCursor row) throws java.sql.SQLException;

    /** The combined text value, null for NULL. */
    abstract byte[] result();

    /** Values retained in memory (distinct values for COUNT_DISTINCT, for the memory budget); 1 for the others. */
    int size() {
        return 1;
    }

    static Accumulator create(AggregateFunction f, int column, List<Column> columns, Collation collation) {
        Column c = columns.get(column);
        return switch (f.kind()) {
            case GROUP_KEY -> new First(column);
            case COUNT -> new Count(column);
            case SUM -> c.type().isFloatingPoint() ? new DoubleSum(column) : new DecimalSum(column, c.decimals());
            case MIN -> new Extreme(column, c, collation, f.collationColumn(), -1);
            case MAX -> new Extreme(column, c, collation, f.collationColumn(), 1);
            case AVG -> new Average(f.sumColumn(), f.countColumn(), columns.get(f.sumColumn()), c);
            case COUNT_DISTINCT -> new CountDistinct(column, ValueComparator.forColumn(c, collation));
            case BIT_AND, BIT_OR, BIT_XOR -> new Bits(column, f.kind());
        };
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] v) {
        return new String(v, StandardCharsets.ISO_8859_1);
    }

    static final class First extends Accumulator {
        private final int column;
        private boolean seen;
        private byte[] value;

        First(int column) {
            this.column = column;
        }

        @Override
        void add(RowCursor row) {
            if (seen) return;
            seen = true;
            byte[] v = row.value(column);
            value = v == null ? null : v.clone();
        }

        @Override
        byte[] result() {
            return value;
        }
    }

    static final class Count extends Accumulator {
        private final int column;
        private long count;

        Count(int column) {
            this.column = column;
        }

        @Override
        void add(RowCursor row) {
            byte[] v = row.value(column);
            if (v != null) count += Long.parseLong(text(v));
        }

        @Override
        byte[] result() {
            return ascii(Long.toString(count));
        }
    }

    static final class DecimalSum extends Accumulator {
        private final int column;
        private final int scale;
        private BigDecimal sum;

        DecimalSum(int column, int decimals) {
            this.column = column;
            this.scale = decimals;
        }

        @Override
        void add(RowCursor row) {
            byte[] v = row.value(column);
            if (v == null) return;
            BigDecimal d = new BigDecimal(text(v));
            sum = sum == null ? d : sum.add(d);
        }

        @Override
        byte[] result() {
            if (sum == null) return null;
            BigDecimal out = scale <= 30 ? sum.setScale(scale, RoundingMode.HALF_UP) : sum;
            return ascii(out.toPlainString());
        }
    }

    static final class DoubleSum extends Accumulator {
        private final int column;
        private boolean any;
        private double sum;

        DoubleSum(int column) {
            this.column = column;
        }

        @Override
        void add(RowCursor row) {
            byte[] v = row.value(column);
            if (v == null) return;
            any = true;
            sum += DoubleComparator.parse(v);
        }

        @Override
        byte[] result() {
            return any ? ascii(MariaDbDoubleFormat.format(sum)) : null;
        }
    }

    static final class Extreme extends Accumulator {
        private final int column;
        private final Column meta;
        private final int collationColumn;
        private ValueComparator comparator;
        private final int sign; // -1 keeps the minimum, 1 the maximum
        private byte[] best;

        /** @param collationColumn a hidden column naming the argument's collation per row, or -1 */
        Extreme(int column, Column meta, Collation collation, int collationColumn, int sign) {
            this.column = column;
            this.meta = meta;
            this.collationColumn = collationColumn;
            this.comparator = collationColumn >= 0 && !meta.type().isNumeric() && !meta.type().isTemporal() ? null : ValueComparator.forColumn(meta, collation);
            this.sign = sign;
        }

        @Override
        void add(RowCursor row) throws java.sql.SQLException {
            byte[] v = row.value(column);
            if (v == null) return;
            if (comparator == null) comparator = ValueComparator.forColumn(meta, collationNamedBy(row));
            if (best == null || Integer.signum(comparator.compare(v, best)) == sign) best = v.clone();
        }

        private Collation collationNamedBy(RowCursor row) throws java.sql.SQLException {
            byte[] name = row.value(collationColumn);
            if (name == null) return null;
            String n = new String(name, StandardCharsets.UTF_8);
            Collation c = Collation.byName(n);
            if (c == null) {
                throw io.dbmesh.sharding.ShardingException.notSupported((sign < 0 ? "MIN" : "MAX")
                        + "() of a string with collation " + n + " across shards");
            }
            return c;
        }

        @Override
        byte[] result() {
            return best;
        }
    }

    static final class Average extends Accumulator {
        private final int sumColumn;
        private final int countColumn;
        private final boolean floating;
        private final int decimals;
        private BigDecimal sum = BigDecimal.ZERO;
        private double doubleSum;
        private long count;

        Average(int sumColumn, int countColumn, Column sumMeta, Column avgMeta) {
            this.sumColumn = sumColumn;
            this.countColumn = countColumn;
            this.floating = sumMeta.type().isFloatingPoint() || avgMeta.type().isFloatingPoint();
            this.decimals = avgMeta.type() == ColumnType.NEWDECIMAL || avgMeta.type() == ColumnType.DECIMAL
                    ? avgMeta.decimals() : 4;
        }

        @Override
        void add(RowCursor row) {
            byte[] s = row.value(sumColumn), c = row.value(countColumn);
            if (c == null) return;
            long n = Long.parseLong(text(c));
            if (n == 0 || s == null) return;
            count += n;
            if (floating) doubleSum += DoubleComparator.parse(s);
            else sum = sum.add(new BigDecimal(text(s)));
        }

        @Override
        byte[] result() {
            if (count == 0) return null;
            if (floating) return ascii(MariaDbDoubleFormat.format(doubleSum / count));
            return ascii(sum.divide(BigDecimal.valueOf(count), decimals, RoundingMode.HALF_UP).toPlainString());
        }
    }

    static final class CountDistinct extends Accumulator {
        private final int column;
        private final ValueComparator comparator;
        private final Set<ValueKey> seen = new HashSet<>();

        CountDistinct(int column, ValueComparator comparator) {
            this.column = column;
            this.comparator = comparator;
        }

        @Override
        void add(RowCursor row) {
            byte[] v = row.value(column);
            if (v != null) seen.add(new ValueKey(comparator.key(v)));
        }

        @Override
        byte[] result() {
            return ascii(Integer.toString(seen.size()));
        }

        @Override
        int size() {
            return seen.size();
        }
    }

    static final class Bits extends Accumulator {
        private final int column;
        private final AggregateFunction.Kind kind;
        private long bits;

        Bits(int column, AggregateFunction.Kind kind) {
            this.column = column;
            this.kind = kind;
            this.bits = kind == AggregateFunction.Kind.BIT_AND ? -1L : 0L;
        }

        @Override
        void add(RowCursor row) {
            byte[] v = row.value(column);
            if (v == null) return;
            long x = Long.parseUnsignedLong(text(v));
            bits = switch (kind) {
                case BIT_AND -> bits & x;
                case BIT_OR -> bits | x;
                default -> bits ^ x;
            };
        }

        @Override
        byte[] result() {
            return ascii(Long.toUnsignedString(bits));
        }
    }
}
