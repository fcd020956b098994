package io.dbmesh.sharding.parse;

import java.util.List;

/**
 * A text statement with some literals replaced by {@code ?} ({@link #text}) and their values in
 * order ({@link #values}: Long, BigDecimal or String), so statements that differ only in those
 * literals share one analysed plan.
 */
public record NormalizedStatement(String text, List<Object> values) {

    public NormalizedStatement {
        values = List.copyOf(values);
    }
}
