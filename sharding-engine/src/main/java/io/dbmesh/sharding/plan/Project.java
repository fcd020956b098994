package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * Keeps the first {@code visibleColumns} columns: hides columns the planner added to shard queries
 * for the merge (derived ORDER BY / GROUP BY columns, AVG's COUNT).
 */
public record Project(Plan input, int visibleColumns) implements Plan {
    @Override
    public String label() {
        return "Project first " + visibleColumns + " columns";
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
