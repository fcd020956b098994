package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * Skips {@code offset} rows then passes at most {@code count} (count -1 = unlimited). Shard
 * queries were rewritten to {@code LIMIT offset+count} so the merged stream holds the answer.
 */
public record Limit(Plan input, long offset, long count) implements Plan {
    @Override
    public String label() {
        return "Limit offset " + offset + " count " + count;
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public Limit withInputs(List<Plan> inputs) {
        return new Limit(PlanInputs.one(inputs, this), offset, count);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
