package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * Drops the last {@code hiddenColumns} columns: the ones the planner appended to shard queries for
 * the merge (derived ORDER BY / GROUP BY columns, AVG's SUM and COUNT), which the client must not see.
 */
public record Project(Plan input, int hiddenColumns) implements Plan {
    @Override
    public String label() {
        return "Project hide last " + hiddenColumns + " columns";
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public Project withInputs(List<Plan> inputs) {
        return new Project(PlanInputs.one(inputs, this), hiddenColumns);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
