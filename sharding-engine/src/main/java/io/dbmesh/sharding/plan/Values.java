package io.dbmesh.sharding.plan;

import io.dbmesh.core.result.Column;

import java.util.List;

/**
 * Rows the engine answers itself, without a backend (EXPLAIN ROUTE output, metadata built from the
 * rules). Values are MySQL text form, null = NULL.
 */
public record Values(List<Column> columns, List<List<byte[]>> rows) implements Plan {
    public Values {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    @Override
    public String label() {
        return "Values " + rows.size() + " rows";
    }

    @Override
    public List<Plan> inputs() {
        return List.of();
    }

    @Override
    public Values withInputs(List<Plan> inputs) {
        return PlanInputs.none(inputs, this);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
