package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * A statement the router cannot push down (a join across differently-sharded tables, a subquery
 * over a sharded table, UNION …): the federation layer ({@code io.dbmesh.sharding.federation},
 * Apache Calcite) plans it over the logical tables, reading shards through scans that push
 * shard-key filters down.
 *
 * @param sql        the statement in logical terms, as the client wrote it
 * @param parameters bound values of its {@code ?} markers
 * @param tables     the logical tables it reads
 * @param reason     why the router could not push it down (printed in EXPLAIN ROUTE)
 */
public record Federated(String database, String sql, List<Object> parameters, List<String> tables,
                        String reason) implements Plan {
    public Federated {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        tables = List.copyOf(tables);
    }

    @Override
    public String label() {
        return "Federated (" + reason + ") " + String.join(",", tables);
    }

    @Override
    public List<Plan> inputs() {
        return List.of();
    }

    @Override
    public Federated withInputs(List<Plan> inputs) {
        return PlanInputs.none(inputs, this);
    }

    @Override
    public boolean returnsRows() {
        return true;
    }
}
