package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.merge.AggregateFunction;

import java.util.List;

/**
 * Combines partial aggregates from shards: rows with equal {@code groupBy} columns become one row,
 * each column combined by its {@link AggregateFunction} (one per input column). With
 * {@code sortedInput} the input arrives ordered by the group columns (a {@link MergeSort} below) and
 * groups stream out one at a time; otherwise groups are collected in memory. With no group columns
 * the result is exactly one row, even for empty input (COUNT gives 0, others NULL), like MySQL.
 */
public record Aggregate(Plan input, List<Integer> groupBy, List<AggregateFunction> functions,
                        boolean sortedInput) implements Plan {
    public Aggregate {
        groupBy = List.copyOf(groupBy);
        functions = List.copyOf(functions);
    }

    @Override
    public String label() {
        return (sortedInput ? "StreamAggregate" : "MemoryAggregate") + " group by " + groupBy + " " + functions;
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public Aggregate withInputs(List<Plan> inputs) {
        return new Aggregate(PlanInputs.one(inputs, this), groupBy, functions, sortedInput);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
