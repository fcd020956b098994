package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.route.RouteOpcode;

import java.sql.SQLException;
import java.util.List;

/**
 * The planner of a logical database served entirely by one data source: every statement becomes one
 * {@link RouteOpcode#UNSHARDED} route to that data source with the statement's own text, <b>without
 * parsing it</b> (the passthrough hot path costs a prefix check and three small objects). Whether
 * the statement returns rows is not known without parsing: the route says it does, and the plan
 * executor passes on whatever the backend answered for a route of one statement. Only
 * {@code EXPLAIN ROUTE <statement>} is answered here, with the route the statement would take.
 * Immutable: one per logical database.
 */
public record PassthroughPlanner(String dataSource) implements StatementPlanner {

    @Override
    public Plan plan(String sql, List<Object> parameters) throws SQLException {
        int explained = explainRouteEnd(sql);
        if (explained < 0) return route(sql, parameters);
        String inner = withoutTrailingSemicolons(sql.substring(explained));
        return new ExplainRoute(PlanTemplate.fixed(parameters.size(), values -> route(inner, values))).bind(parameters);
    }

    private Route route(String sql, List<Object> parameters) {
        return new Route(RouteOpcode.UNSHARDED, List.of(), List.of(new PhysicalStatement(dataSource, sql, parameters)), true);
    }

    /** Where the statement after {@code EXPLAIN ROUTE} begins, or -1 when {@code sql} is no EXPLAIN ROUTE. */
    static int explainRouteEnd(String sql) {
        int i = skipSpace(sql, 0);
        if (!sql.regionMatches(true, i, "EXPLAIN", 0, 7)) return -1;
        int j = skipSpace(sql, i + 7);
        if (j == i + 7 || !sql.regionMatches(true, j, "ROUTE", 0, 5)) return -1;
        int k = skipSpace(sql, j + 5);
        return k == j + 5 || k == sql.length() ? -1 : k;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static String withoutTrailingSemicolons(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).stripTrailing();
        return s;
    }
}
