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
 * @param tables     logical tables the route serves (for the description)
 * @param collations explicit collations of result columns by index ({@code name COLLATE x} in the
 *                   select list): result metadata cannot tell some of them (a nopad_bin expression
 *                   is reported as utf8mb4_bin), so a merge above compares those columns by these
 */
public record Route(RouteOpcode opcode, List<String> tables, List<PhysicalStatement> statements,
                    boolean returnsRows, java.util.Map<Integer, String> collations) implements Plan {

    public Route {
        tables = List.copyOf(tables);
        statements = List.copyOf(statements);
        collations = java.util.Map.copyOf(collations);
    }

    public Route(RouteOpcode opcode, List<String> tables, List<PhysicalStatement> statements, boolean returnsRows) {
        this(opcode, tables, statements, returnsRows, java.util.Map.of());
    }

    /** The same route sending these physical statements instead. */
    public Route withStatements(List<PhysicalStatement> replaced) {
        return new Route(opcode, tables, replaced, returnsRows, collations);
    }

    /** The same route whose result columns carry these explicit collations. */
    public Route withCollations(java.util.Map<Integer, String> explicit) {
        return new Route(opcode, tables, statements, returnsRows, explicit);
    }

    @Override
    public String label() {
        return "Route " + opcode + (tables.isEmpty() ? "" : " " + String.join(",", tables))
                + (collations.isEmpty() ? "" : " collate " + new java.util.TreeMap<>(collations));
    }

    @Override
    public List<Plan> inputs() {
        return List.of();
    }

    @Override
    public Route withInputs(List<Plan> inputs) {
        return PlanInputs.none(inputs, this);
    }
}
