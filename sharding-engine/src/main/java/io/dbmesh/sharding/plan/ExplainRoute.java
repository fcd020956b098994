package io.dbmesh.sharding.plan;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code EXPLAIN ROUTE <statement>}: plans the statement (with the bound parameters when prepared)
 * without running it and answers one row per physical statement: data source, physical SQL, its
 * parameters, and the printed plan (the same on every row; a federated plan has one row).
 */
final class ExplainRoute implements PlanTemplate {
    static final List<Column> COLUMNS = List.of(text("data_source"), text("physical_sql"), text("parameters"), text("plan"));

    private final PlanTemplate inner;

    ExplainRoute(PlanTemplate inner) {
        this.inner = inner;
    }

    private static Column text(String name) {
        return new Column("", "", "", name, name, 45, 65535, ColumnType.VAR_STRING, 0, 0);
    }

    @Override
    public int parameterCount() {
        return inner.parameterCount();
    }

    @Override
    public Plan bind(List<Object> parameters) throws SQLException {
        Plan plan = inner.bind(parameters);
        String description = PlanPrinter.print(plan);
        List<List<byte[]>> rows = new ArrayList<>();
        for (Plan node : PlanTrees.nodes(plan)) {
            for (PlanTrees.Shown s : PlanTrees.statements(node)) {
                rows.add(row(s.dataSource() == null ? "(federation)" : s.dataSource(), s.sql(),
                        s.parameters().isEmpty() ? null : PlanPrinter.describe(s.parameters()), description));
            }
        }
        if (rows.isEmpty() && PlanTrees.nodes(plan).stream().anyMatch(n -> n instanceof Values)) {
            rows.add(row("(none)", null, null, description)); // a local answer: no statement runs anywhere
        }
        return new Values(COLUMNS, rows);
    }

    private static List<byte[]> row(String... values) {
        List<byte[]> row = new ArrayList<>();
        for (String v : values) row.add(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
        return row;
    }
}
