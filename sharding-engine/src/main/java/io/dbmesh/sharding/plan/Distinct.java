package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * Drops rows whose first {@code columns} values equal an earlier row's (by the column's MySQL
 * comparison: collation for strings, numeric for numbers). With {@code sortedInput} only the
 * previous row is remembered; otherwise a set of seen rows is kept.
 */
public record Distinct(Plan input, int columns, boolean sortedInput) implements Plan {
    @Override
    public String label() {
        return "Distinct " + columns + " columns" + (sortedInput ? " (sorted)" : " (memory)");
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
