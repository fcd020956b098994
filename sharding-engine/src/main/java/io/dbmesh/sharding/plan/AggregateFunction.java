package io.dbmesh.sharding.plan;

/**
 * How {@link Aggregate} combines one column of partial rows from the shards into the final row.
 *
 * @param kind        the combination
 * @param countColumn for {@link Kind#AVG} only: index of the hidden COUNT column; the column itself
 *                    then carries the shard's SUM (the planner rewrote AVG(x) to SUM(x), COUNT(x));
 *                    -1 otherwise
 */
public record AggregateFunction(Kind kind, int countColumn) {

    public enum Kind {
        /** A GROUP BY key or a value constant within the group: take the first row's value. */
        GROUP_KEY,
        /** COUNT(...) partials: add them (0 for an empty input, never NULL). */
        COUNT,
        /** SUM(...) partials: add them, NULL when every partial is NULL. */
        SUM,
        MIN,
        MAX,
        /** SUM of this column divided by SUM of {@code countColumn}, at the column's decimals. */
        AVG
    }

    public static final AggregateFunction GROUP_KEY = new AggregateFunction(Kind.GROUP_KEY, -1);
    public static final AggregateFunction COUNT = new AggregateFunction(Kind.COUNT, -1);
    public static final AggregateFunction SUM = new AggregateFunction(Kind.SUM, -1);
    public static final AggregateFunction MIN = new AggregateFunction(Kind.MIN, -1);
    public static final AggregateFunction MAX = new AggregateFunction(Kind.MAX, -1);

    public static AggregateFunction avg(int countColumn) {
        return new AggregateFunction(Kind.AVG, countColumn);
    }

    @Override
    public String toString() {
        return kind == Kind.AVG ? "AVG(/" + countColumn + ")" : kind.name();
    }
}
