package io.dbmesh.sharding.merge;

/**
 * How {@link Aggregate} combines one column of partial rows from the shards into the final row.
 *
 * @param kind        the combination
 * @param sumColumn   for {@link Kind#AVG} only: index of the hidden column with the shard's SUM(x); -1 otherwise
 * @param countColumn for {@link Kind#AVG} only: index of the hidden column with the shard's COUNT(x); -1 otherwise
 * @param collationColumn for {@link Kind#MIN}/{@link Kind#MAX} of a string column: index of the hidden
 *                    column with the shard's {@code COLLATION(x)}, which result metadata does not carry
 *                    for an expression (it names the connection's collation); -1 otherwise
 */
public record AggregateFunction(Kind kind, int sumColumn, int countColumn, int collationColumn) {

    public AggregateFunction(Kind kind, int sumColumn, int countColumn) {
        this(kind, sumColumn, countColumn, -1);
    }

    /** MIN or MAX compared by the collation a hidden column names. */
    public static AggregateFunction extreme(Kind kind, int collationColumn) {
        return new AggregateFunction(kind, -1, -1, collationColumn);
    }

    public enum Kind {
        /** A GROUP BY key or a value constant within the group: take the first row's value. */
        GROUP_KEY,
        /** COUNT(...) partials: add them (0 for an empty input, never NULL). */
        COUNT,
        /** SUM(...) partials: add them, NULL when every partial is NULL. */
        SUM,
        MIN,
        MAX,
        /**
         * AVG(x): the column itself holds each shard's AVG (kept for its metadata: type and
         * decimals); the result is SUM of {@code sumColumn} / SUM of {@code countColumn}, rounded
         * half-up to the column's decimals, NULL when the count is 0.
         */
        AVG,
        /**
         * COUNT(DISTINCT x): the shard queries return the distinct values of x per group (x added
         * to their GROUP BY); the merge counts the distinct non-NULL values of this column within
         * the group, values from several shards that compare equal (by collation) counting once.
         */
        COUNT_DISTINCT,
        /**
         * BIT_AND / BIT_OR / BIT_XOR(x): the shards' partials (BIGINT UNSIGNED, never NULL: a shard
         * without rows sends the operation's identity) combined by the same operation.
         */
        BIT_AND,
        BIT_OR,
        BIT_XOR
    }

    public static final AggregateFunction GROUP_KEY = new AggregateFunction(Kind.GROUP_KEY, -1, -1);
    public static final AggregateFunction COUNT = new AggregateFunction(Kind.COUNT, -1, -1);
    public static final AggregateFunction SUM = new AggregateFunction(Kind.SUM, -1, -1);
    public static final AggregateFunction MIN = new AggregateFunction(Kind.MIN, -1, -1);
    public static final AggregateFunction MAX = new AggregateFunction(Kind.MAX, -1, -1);
    public static final AggregateFunction BIT_AND = new AggregateFunction(Kind.BIT_AND, -1, -1);
    public static final AggregateFunction BIT_OR = new AggregateFunction(Kind.BIT_OR, -1, -1);
    public static final AggregateFunction BIT_XOR = new AggregateFunction(Kind.BIT_XOR, -1, -1);
    public static final AggregateFunction COUNT_DISTINCT = new AggregateFunction(Kind.COUNT_DISTINCT, -1, -1);

    public static AggregateFunction avg(int sumColumn, int countColumn) {
        return new AggregateFunction(Kind.AVG, sumColumn, countColumn);
    }

    @Override
    public String toString() {
        if (collationColumn >= 0) return kind.name() + "(collation " + collationColumn + ")";
        return kind == Kind.AVG ? "AVG(" + sumColumn + "/" + countColumn + ")" : kind.name();
    }
}
