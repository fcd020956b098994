package io.dbmesh.sharding.merge;

/**
 * How MariaDB orders and equates strings of one collation, applied to the UTF-8 text form values
 * travel in (see {@link io.dbmesh.core.result.RowCursor}).
 *
 * <p>Three families cover MariaDB's defaults:
 * <ul>
 *   <li>{@link BinaryCollation}: {@code binary} (id 63) and the {@code _nopad_bin} collations — bytes,
 *       trailing spaces significant;</li>
 *   <li>{@link CodePointCollation}: {@code utf8mb4_bin}, {@code latin1_bin} … — code points, PAD SPACE;</li>
 *   <li>{@link WeightCollation}: the case/accent-insensitive ones ({@code utf8mb4_general_ci},
 *       {@code utf8mb4_unicode_ci}, {@code latin1_swedish_ci} …) — per-character primary weights
 *       dumped from MariaDB itself, PAD SPACE.</li>
 * </ul>
 * Note that a result set's column definition carries the <em>result</em> charset's default
 * collation, not the column's: MariaDB reports a {@code utf8mb4_unicode_ci} column as
 * {@code utf8mb4_general_ci} (45), only setting the BINARY flag for {@code _bin} ones. The planner,
 * which knows the table's real collation, should pass it explicitly when it matters.
 */
public sealed interface Collation permits BinaryCollation, CodePointCollation, WeightCollation {

    /** MariaDB's collation id (as in a column definition). */
    int id();

    String name();

    /** Compares two values in UTF-8 (or raw bytes for {@code binary}); neither is null. */
    int compare(byte[] a, byte[] b);

    /**
     * A byte string equal for exactly the values {@link #compare} calls equal: the key DISTINCT and
     * GROUP BY hash on.
     */
    byte[] key(byte[] value);

    static Collation byId(int id) {
        return Collations.byId(id);
    }

    static Collation byName(String name) {
        return Collations.byName(name);
    }
}
