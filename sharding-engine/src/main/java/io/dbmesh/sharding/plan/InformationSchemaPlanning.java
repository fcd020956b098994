package io.dbmesh.sharding.plan;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.parse.AstWalker;
import io.dbmesh.sharding.rewrite.ColumnLabels;
import io.dbmesh.sharding.rewrite.MergeSpec;
import io.dbmesh.sharding.rewrite.ScatterSelectRewriter;
import io.dbmesh.sharding.rewrite.SqlTemplate;
import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.route.RouteOpcode;
import io.dbmesh.sharding.rule.ShardingRules;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Queries of {@code information_schema.TABLES} / {@code COLUMNS} / {@code STATISTICS} answered in logical terms: on each
 * data source the view is replaced by a derived table of the same columns where TABLE_SCHEMA is the
 * logical database, TABLE_NAME the logical table, and only the tables that data source stands for
 * remain ({@link LogicalTableVisibility}); the client's own WHERE, ORDER BY, aggregates … then apply
 * to logical names, and the data sources' answers merge like a scatter SELECT.
 */
final class InformationSchemaPlanning {
    private static final List<String> TABLES_COLUMNS = List.of("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE",
            "ENGINE", "VERSION", "ROW_FORMAT", "TABLE_ROWS", "AVG_ROW_LENGTH", "DATA_LENGTH", "MAX_DATA_LENGTH",
            "INDEX_LENGTH", "DATA_FREE", "AUTO_INCREMENT", "CREATE_TIME", "UPDATE_TIME", "CHECK_TIME", "TABLE_COLLATION",
            "CHECKSUM", "CREATE_OPTIONS", "TABLE_COMMENT", "MAX_INDEX_LENGTH", "TEMPORARY");
    private static final List<String> COLUMNS_COLUMNS = List.of("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME",
            "ORDINAL_POSITION", "COLUMN_DEFAULT", "IS_NULLABLE", "DATA_TYPE", "CHARACTER_MAXIMUM_LENGTH",
            "CHARACTER_OCTET_LENGTH", "NUMERIC_PRECISION", "NUMERIC_SCALE", "DATETIME_PRECISION", "CHARACTER_SET_NAME",
            "COLLATION_NAME", "COLUMN_TYPE", "COLUMN_KEY", "EXTRA", "PRIVILEGES", "COLUMN_COMMENT", "IS_GENERATED",
            "GENERATION_EXPRESSION");
    /** MariaDB 10.6+ (IGNORED is new in 10.6): what Connector/J's getPrimaryKeys and getIndexInfo read. */
    private static final List<String> STATISTICS_COLUMNS = List.of("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME",
            "NON_UNIQUE", "INDEX_SCHEMA", "INDEX_NAME", "SEQ_IN_INDEX", "COLUMN_NAME", "COLLATION", "CARDINALITY",
            "SUB_PART", "PACKED", "NULLABLE", "INDEX_TYPE", "COMMENT", "INDEX_COMMENT", "IGNORED");
    private static final Set<String> VIEWS = Set.of("tables", "columns", "statistics");
    private static final String MARKER = "__dbmesh_is_";

    private InformationSchemaPlanning() {
    }

    static boolean applies(TableNames names) {
        for (Table t : names.references()) if (isView(t)) return true;
        return false;
    }

    private static boolean isView(Table t) {
        return t.getSchemaName() != null && TableNames.unquote(t.getSchemaName()).equalsIgnoreCase("information_schema")
                && VIEWS.contains(TableNames.unquote(t.getName()).toLowerCase(Locale.ROOT));
    }

    static PlanTemplate plan(String sql, Select select, TableNames names, ShardingRules rules, int parameterCount,
                             Supplier<Statement> reparse) throws ShardingException {
        for (String t : names.names()) {
            if (rules.kind(t) != io.dbmesh.sharding.rule.TableKind.DEFAULT) {
                throw ShardingException.notSupported("a query joining information_schema with configured table " + t);
            }
        }
        LogicalTableVisibility visibility = new LogicalTableVisibility(rules);
        keepColumnSpelling(select);
        String single = markViews(select, rules);
        List<String> dataSources = visibility.dataSources();
        if (dataSources.size() == 1 || !(select instanceof PlainSelect)) {
            String ds = rules.defaultDataSource();
            return Routes.single(RouteOpcode.UNSHARDED, List.of(), ds, replaceViews(single, visibility, ds, rules), parameterCount, true);
        }
        PlainSelect scatterAst = (PlainSelect) reparse.get();
        keepColumnSpelling(scatterAst);
        ScatterSelectRewriter.Outcome outcome = ScatterSelectRewriter.rewrite(scatterAst, c -> false);
        if (outcome instanceof ScatterSelectRewriter.Outcome.Federate f) {
            throw ShardingException.notSupported(f.reason() + " in an information_schema query over several data sources");
        }
        if (outcome instanceof ScatterSelectRewriter.Outcome.Refuse r) {
            throw ShardingException.notSupported(r.construct() + " in an information_schema query");
        }
        MergeSpec merge = ((ScatterSelectRewriter.Outcome.Merge) outcome).spec();
        SqlTemplate template = SqlTemplate.parse(markViews(scatterAst, rules));
        return new PlanTemplate() {
            @Override
            public int parameterCount() {
                return parameterCount;
            }

            @Override
            public Plan bind(List<Object> parameters) throws SQLException {
                String limit = merge.hasLimit() ? merge.shardLimit(parameters) : null;
                List<PhysicalStatement> statements = new ArrayList<>();
                for (String ds : dataSources) {
                    statements.add(new PhysicalStatement(ds, replaceViews(template.render(java.util.Map.of(), limit), visibility, ds, rules),
                            merge.shardParameters(parameters)));
                }
                return MergeStack.over(new Route(RouteOpcode.SCATTER, List.of(), statements, true), merge, parameters);
            }
        };
    }

    /** The outer select list is labelled by the derived tables' spelling unless aliased (see {@link ColumnLabels}). */
    private static void keepColumnSpelling(Select select) {
        if (select instanceof PlainSelect ps) {
            ColumnLabels.keepColumnSpelling(ps);
        } else if (select instanceof net.sf.jsqlparser.statement.select.SetOperationList ops
                && !ops.getSelects().isEmpty() && ops.getSelects().get(0) instanceof PlainSelect first) {
            ColumnLabels.keepColumnSpelling(first); // a union is labelled by its first select
        }
    }

    private static final java.util.regex.Pattern CURRENT_DATABASE =
            java.util.regex.Pattern.compile("(?i)\\b(?:DATABASE|SCHEMA)\\s*\\(\\s*\\)");

    /**
     * Replaces the views by markers (keeping their visible names as aliases) and deparses; the
     * client's DATABASE() means the logical database (the backend's would name the physical one).
     */
    private static String markViews(Statement st, ShardingRules rules) {
        IdentityHashMap<Table, Boolean> qualifiers = new IdentityHashMap<>();
        for (Column c : AstWalker.collect(st, Column.class)) if (c.getTable() != null) qualifiers.put(c.getTable(), true);
        for (Table t : AstWalker.collect(st, Table.class)) {
            if (!isView(t)) continue;
            String view = TableNames.unquote(t.getName()).toUpperCase(Locale.ROOT);
            t.setSchemaName(null);
            if (qualifiers.containsKey(t)) continue; // information_schema.TABLES.TABLE_NAME → TABLES.TABLE_NAME
            if (t.getAlias() == null) t.setAlias(new Alias(view, true));
            t.setName(MARKER + view.toLowerCase(Locale.ROOT) + "__");
        }
        // found on the text with literals blanked: a 'DATABASE()' string stays as written
        String text = st.toString();
        java.util.regex.Matcher m = CURRENT_DATABASE.matcher(BlankedSql.of(text));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (m.find()) {
            out.append(text, copied, m.start()).append(LogicalTableVisibility.quote(rules.database()));
            copied = m.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static String replaceViews(String sql, LogicalTableVisibility visibility, String ds, ShardingRules rules) {
        return sql.replace(MARKER + "tables__", derived("TABLES", TABLES_COLUMNS, visibility, ds, rules))
                .replace(MARKER + "columns__", derived("COLUMNS", COLUMNS_COLUMNS, visibility, ds, rules))
                .replace(MARKER + "statistics__", derived("STATISTICS", STATISTICS_COLUMNS, visibility, ds, rules));
    }

    private static String derived(String view, List<String> columns, LogicalTableVisibility visibility, String ds, ShardingRules rules) {
        StringBuilder b = new StringBuilder("(SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            if (i > 0) b.append(", ");
            switch (c) {
                case "TABLE_SCHEMA", "INDEX_SCHEMA" -> b.append(LogicalTableVisibility.quote(rules.database())).append(" AS ").append(c);
                case "TABLE_NAME" -> b.append(visibility.logicalName(ds, "TABLE_NAME")).append(" AS TABLE_NAME");
                default -> b.append(c);
            }
        }
        return b.append(" FROM information_schema.").append(view).append(" WHERE TABLE_SCHEMA = DATABASE()")
                .append(visibility.filter(ds, "TABLE_NAME")).append(')').toString();
    }
}
