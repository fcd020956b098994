package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * Drops rows whose values equal an earlier row's (by the column's MySQL comparison: collation for
 * strings, numeric for numbers), comparing every column but the last {@code hiddenColumns} (derived
 * sort columns). With {@code sortedInput} only the previous row is remembered; otherwise a set of
 * seen rows is kept.
 */
public record Distinct(Plan input, int hiddenColumns, boolean sortedInput) implements Plan {
    @Override
    public String label() {
        return "Distinct" + (hiddenColumns > 0 ? " ignoring last " + hiddenColumns : "") + (sortedInput ? " (sorted)" : " (memory)");
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public Distinct withInputs(List<Plan> inputs) {
        return new Distinct(PlanInputs.one(inputs, this), hiddenColumns, sortedInput);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
