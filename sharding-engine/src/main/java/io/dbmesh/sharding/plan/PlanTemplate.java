package io.dbmesh.sharding.plan;

import java.sql.SQLException;
import java.util.List;

/**
 * A statement analysed once (parsed, tables classified, shard-key conditions extracted, SQL
 * deparsed into templates) and cached by its text; {@link #bind} routes it with concrete parameter
 * values into an executable {@link Plan}. Text statements bind with no parameters; prepared
 * statements bind once per execution. Implementations are immutable and thread-safe.
 */
public interface PlanTemplate {

    /** Number of {@code ?} markers the statement has. */
    int parameterCount();

    Plan bind(List<Object> parameters) throws SQLException;

    /** A template whose plan never changes (apart from passing the parameters on). */
    static PlanTemplate fixed(int parameterCount, java.util.function.Function<List<Object>, Plan> plan) {
        return new PlanTemplate() {
            @Override
            public int parameterCount() {
                return parameterCount;
            }

            @Override
            public Plan bind(List<Object> parameters) {
                return plan.apply(parameters);
            }
        };
    }
}
