package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.merge.SortKey;

import java.util.List;

/**
 * Streaming k-way merge of inputs that are each already sorted by {@code keys} (every shard query
 * carries the ORDER BY). Memory is one row per input. Input: a {@link Route} (one cursor per
 * physical statement).
 */
public record MergeSort(Plan input, List<SortKey> keys) implements Plan {
    public MergeSort {
        keys = List.copyOf(keys);
    }

    @Override
    public String label() {
        return "MergeSort " + keys;
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public MergeSort withInputs(List<Plan> inputs) {
        return new MergeSort(PlanInputs.one(inputs, this), keys);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
