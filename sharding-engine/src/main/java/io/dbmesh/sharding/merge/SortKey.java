package io.dbmesh.sharding.merge;

/**
 * One ORDER BY term of a merge, by column index of the input rows (the planner adds the column to
 * the shard query if the client did not select it, and hides it afterwards). {@code column >= 0} is
 * a 0-based index; a negative one counts from the end of the row (-1 = last column): with
 * {@code SELECT *} only the trailing derived columns have positions known at plan time. Resolve with
 * {@link #index(int)} once the input's column count is known.
 */
public record SortKey(int column, boolean descending) {
    /** The 0-based index in a row of {@code columnCount} columns. */
    public int index(int columnCount) {
        return column >= 0 ? column : columnCount + column;
    }

    @Override
    public String toString() {
        return column + (descending ? " DESC" : " ASC");
    }
}
