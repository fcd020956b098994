package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.merge.SortKey;

import java.util.List;

/**
 * Sorts all input rows in memory (after an aggregate whose groups must be ordered by an aggregate
 * value, e.g. {@code ORDER BY COUNT(*)}). Bounded by {@code limit} rows when a Limit sits above
 * (-1 = unbounded): then only the top rows are kept.
 */
public record MemorySort(Plan input, List<SortKey> keys, long limit) implements Plan {
    public MemorySort {
        keys = List.copyOf(keys);
    }

    @Override
    public String label() {
        return "MemorySort " + keys + (limit >= 0 ? " top " + limit : "");
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public MemorySort withInputs(List<Plan> inputs) {
        return new MemorySort(PlanInputs.one(inputs, this), keys, limit);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
