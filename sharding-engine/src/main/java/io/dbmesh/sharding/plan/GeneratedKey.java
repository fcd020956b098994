package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * An INSERT whose key column the sidecar filled from the snowflake generator: the OK packet must
 * report the first generated id as LAST_INSERT_ID, as MySQL does for AUTO_INCREMENT.
 */
public record GeneratedKey(Plan input, long firstId) implements Plan {
    @Override
    public String label() {
        return "GeneratedKey last_insert_id=" + firstId;
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public GeneratedKey withInputs(List<Plan> inputs) {
        return new GeneratedKey(PlanInputs.one(inputs, this), firstId);
    }

    @Override
    public boolean returnsRows() {
        return false;
    }
}
