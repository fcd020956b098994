package io.dbmesh.sharding.plan;

import java.util.List;
import java.util.Map;

/**
 * Metadata answers (SHOW TABLES, SHOW CREATE TABLE, information_schema.tables/columns) come from a
 * backend in physical names; this node rewrites the given column's values from physical to logical
 * table names, and with {@code dropUnmapped} drops rows naming physical tables of other shards of
 * the same logical table, so each logical table appears once. For SHOW CREATE TABLE it also
 * replaces the name inside the CREATE text (column {@code textColumn}, -1 if none).
 *
 * @param physicalToLogical every physical table name that should appear under a logical name
 * @param hidden            physical names to drop (the other shards' copies)
 */
public record LogicalTableNames(Plan input, int nameColumn, int textColumn, Map<String, String> physicalToLogical,
                                java.util.Set<String> hidden) implements Plan {
    public LogicalTableNames {
        physicalToLogical = Map.copyOf(physicalToLogical);
        hidden = java.util.Set.copyOf(hidden);
    }

    @Override
    public String label() {
        return "LogicalTableNames column " + nameColumn + (textColumn >= 0 ? " text " + textColumn : "")
                + " " + new java.util.TreeMap<>(physicalToLogical);
    }

    @Override
    public List<Plan> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalTableNames withInputs(List<Plan> inputs) {
        return new LogicalTableNames(PlanInputs.one(inputs, this), nameColumn, textColumn, physicalToLogical, hidden);
    }

    @Override
    public boolean returnsRows() {
        return input.returnsRows();
    }
}
