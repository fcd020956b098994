package io.dbmesh.sharding.plan;

/**
 * One ORDER BY term of a merge, by 0-based column index of the input rows (the planner adds the
 * column to the shard query if the client did not select it, and hides it afterwards).
 */
public record SortKey(int column, boolean descending) {
    @Override
    public String toString() {
        return column + (descending ? " DESC" : " ASC");
    }
}
