package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.route.RouteOpcode;

import java.util.List;

/**
 * Sends physical statements to shards. As a top-level node its row results are concatenated in
 * statement order; as an input of a merge node each statement's cursor is one merge input. Update
 * counts are summed, except for {@link RouteOpcode#BROADCAST}, whose statements write identical
 * copies and report the first copy's count (what a single server would say).
 *
 * @param tables logical tables the route serves (for the description)
 */
public record Route(RouteOpcode opcode, List<String> tables, List<PhysicalStatement> statements,
                    boolean returnsRows) implements Plan {

    public Route {
        tables = List.copyOf(tables);
        statements = List.copyOf(statements);
    }

    @Override
    public String label() {
        return "Route " + opcode + (tables.isEmpty() ? "" : " " + String.join(",", tables));
    }

    @Override
    public List<Plan> inputs() {
        return List.of();
    }
}
