package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.route.RouteOpcode;

import java.util.ArrayList;
import java.util.List;

/** Small builders for routes whose statements do not depend on parameter values. */
final class Routes {
    private Routes() {
    }

    /** One statement on one data source. */
    static PlanTemplate single(RouteOpcode opcode, List<String> tables, String dataSource, String sql, int parameterCount,
                               boolean returnsRows) {
        return PlanTemplate.fixed(parameterCount, params -> new Route(opcode, tables,
                List.of(new PhysicalStatement(dataSource, sql, params)), returnsRows));
    }

    /** The same or different statements on several data sources, each with all parameters. */
    static PlanTemplate fanOut(RouteOpcode opcode, List<String> tables, List<String[]> dataSourceAndSql, int parameterCount,
                               boolean returnsRows) {
        return PlanTemplate.fixed(parameterCount, params -> {
            List<PhysicalStatement> statements = new ArrayList<>();
            for (String[] s : dataSourceAndSql) statements.add(new PhysicalStatement(s[0], s[1], params));
            return new Route(opcode, tables, statements, returnsRows);
        });
    }

    /** Whether a statement text returns rows (for statements the parser did not understand). */
    static boolean looksLikeQuery(String sql) {
        String s = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        while (s.startsWith("(")) s = s.substring(1).stripLeading();
        return s.startsWith("SELECT") || s.startsWith("SHOW") || s.startsWith("DESC") || s.startsWith("EXPLAIN")
                || s.startsWith("WITH") || s.startsWith("VALUES") || s.startsWith("TABLE") || s.startsWith("CHECK")
                || s.startsWith("ANALYZE") || s.startsWith("OPTIMIZE") || s.startsWith("REPAIR");
    }
}
