package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;

/**
 * Orders and equates the text-form values of one column the way MariaDB does for the column's type:
 * numbers numerically (BIGINT UNSIGNED and DECIMAL of any size included), FLOAT/DOUBLE as doubles,
 * TIME as a signed duration, other temporal types by their canonical text, strings by collation,
 * binary strings and BIT by bytes. SQL NULL ({@code null}) sorts before every value, so an
 * ascending merge puts NULLs first and a descending one last, as MySQL does.
 *
 * <p>Limit: ENUM and SET columns compare by their text, while MariaDB sorts them by the member's
 * position in the column definition; a planner that knows the definition must not merge-sort an
 * ENUM column by text.
 */
public interface ValueComparator {

    /** Compares two values of this column (nulls allowed). */
    int compare(byte[] a, byte[] b);

    /**
     * A key equal (by {@link java.util.Arrays#equals(byte[], byte[])}) for exactly the values
     * {@link #compare} calls equal; null stays null. GROUP BY and DISTINCT hash on it.
     */
    byte[] key(byte[] value);

    /** The comparator for a column, using the collation its definition names. */
    static ValueComparator forColumn(Column column) {
        return forColumn(column, null);
    }

    /**
     * The comparator for a column; {@code collation} (may be null) overrides the one the result
     * metadata names for character columns — the planner knows the table's real collation, while a
     * result set only carries the connection's default one.
     */
    static ValueComparator forColumn(Column column, Collation collation) {
        return switch (column.type()) {
            case TINY, SHORT, INT24, LONG, LONGLONG, YEAR, DECIMAL, NEWDECIMAL -> NumericTextComparator.INSTANCE;
            case FLOAT, DOUBLE -> DoubleComparator.INSTANCE;
            case TIME, TIME2 -> TimeComparator.INSTANCE;
            case DATE, NEWDATE, DATETIME, DATETIME2, TIMESTAMP, TIMESTAMP2, BIT, GEOMETRY ->
                    new CollationComparator(Collation.byId(63));
            case NULL -> NullComparator.INSTANCE;
            default -> new CollationComparator(collation != null ? collation : collationOf(column));
        };
    }

    /** What a character column's metadata says: charset 63 is binary, the BINARY flag means {@code _bin}. */
    static Collation collationOf(Column column) {
        if (column.binary()) return Collation.byId(63);
        if ((column.flags() & ColumnFlags.BINARY) != 0) {
            return switch (column.charset()) {
                case 33 -> Collation.byId(83);
                case 8, 48 -> Collation.byId(47);
                case 11 -> Collation.byId(65);
                default -> Collation.byId(46);
            };
        }
        return Collation.byId(column.charset());
    }
}
