package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.keygen.SnowflakeGenerator;
import io.dbmesh.sharding.parse.AstWalker;
import io.dbmesh.sharding.parse.Literals;
import io.dbmesh.sharding.parse.NormalizedStatement;
import io.dbmesh.sharding.rewrite.SqlTemplate;
import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.route.RouteOpcode;
import io.dbmesh.sharding.parse.ValueRef;
import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Plans INSERT and REPLACE. Into a sharded table the rows are split by shard key, one statement per
 * target table; a key column left out (or given as NULL) is filled from the snowflake generator and
 * the first generated id becomes LAST_INSERT_ID. Into a broadcast table the statement goes to every
 * data source; into an unsharded table, to its data source.
 */
final class InsertPlanning {
    private InsertPlanning() {
    }

    /** The parts of INSERT / REPLACE the planner needs. */
    private record Shape(String verb, Table table, List<Column> columns, List<List<Expression>> rows, boolean hasSelect,
                         List<UpdateSet> onDuplicate, String deparsed, boolean returning) {
    }

    static PlanTemplate plan(String sql, Statement st, ShardingRules rules, int parameterCount, SnowflakeGenerator keys)
            throws ShardingException {
        Shape shape = shape(st);
        TableNames names = TableNames.of(st);
        names.checkSchemas(rules);
        Placement placement = Placement.of(rules, names.names());
        String target = TableNames.unquote(shape.table.getName());
        if (shape.returning && (rules.kind(target) == TableKind.SHARDED || rules.kind(target) == TableKind.BROADCAST)) {
            // the split / fanned-out statements would be run as updates and the returned rows lost
            throw ShardingException.notSupported(shape.verb + " … RETURNING into " + rules.kind(target).name().toLowerCase(Locale.ROOT)
                    + " table " + target);
        }
        switch (rules.kind(target)) {
            case SHARDED -> {
                if (placement.sharded.size() > 1 || !placement.unsharded.isEmpty() || !placement.broadcast.isEmpty()) {
                    throw ShardingException.notSupported(shape.verb + " into sharded table " + target + " reading other tables");
                }
                return sharded(shape, rules.shardedTable(target).orElseThrow(), parameterCount, keys);
            }
            case BROADCAST -> {
                if (!placement.sharded.isEmpty() || !placement.unsharded.isEmpty()) {
                    throw ShardingException.notSupported(shape.verb + " into broadcast table " + target + " reading other tables");
                }
                names.markHoles(rules);
                String physical = SqlTemplate.parse(st.toString()).render(java.util.Map.of(), null);
                List<String[]> all = new ArrayList<>();
                for (String ds : rules.dataSources()) all.add(new String[]{ds, physical});
                return Routes.fanOut(RouteOpcode.BROADCAST, List.of(target), all, parameterCount, false);
            }
            default -> {
                if (!placement.sharded.isEmpty()) {
                    throw ShardingException.notSupported(shape.verb + " … SELECT from sharded table " + placement.driving().name()
                            + " into unsharded table " + target);
                }
                return SelectPlanning.unsharded(sql, st, names, placement, rules, parameterCount, false);
            }
        }
    }

    private static Shape shape(Statement st) throws ShardingException {
        if (st instanceof Insert i) {
            String verb = "INSERT" + (i.getModifierPriority() != null ? " " + i.getModifierPriority() : "") + (i.isModifierIgnore() ? " IGNORE" : "");
            boolean hasSelect = i.getSelect() != null && !(i.getSelect() instanceof Values);
            List<List<Expression>> rows = i.getSelect() instanceof Values v ? rows(v.getExpressions()) : null;
            if (i.getSetUpdateSets() != null && !i.getSetUpdateSets().isEmpty()) rows = null;
            return new Shape(verb, i.getTable(), i.getColumns(), rows, hasSelect, i.getDuplicateUpdateSets(), i.toString(),
                    i.getReturningClause() != null);
        }
        Upsert u = (Upsert) st;
        List<List<Expression>> rows = u.getSelect() instanceof Values v ? rows(v.getExpressions()) : null;
        boolean hasSelect = u.getSelect() != null && !(u.getSelect() instanceof Values);
        return new Shape("REPLACE", u.getTable(), u.getColumns(), rows, hasSelect, u.getDuplicateUpdateSets(), u.toString(), false);
    }

    private static List<List<Expression>> rows(ExpressionList<?> values) {
        List<List<Expression>> rows = new ArrayList<>();
        if (values instanceof ParenthesedExpressionList<?> single) {
            rows.add(new ArrayList<>(single));
            return rows;
        }
        for (Expression row : values) {
            if (row instanceof ParenthesedExpressionList<?> p) rows.add(new ArrayList<>(p));
            else rows.add(List.of(row));
        }
        return rows;
    }

    /** One value of a row: its SQL text, the parameters it uses, and its value when it is a literal or parameter. */
    private record RowValue(String text, List<Integer> parameters, ValueRef ref) {
    }

    private static PlanTemplate sharded(Shape s, ShardedTable table, int parameterCount, SnowflakeGenerator keys)
            throws ShardingException {
        String name = table.name();
        if (s.hasSelect) throw ShardingException.notSupported(s.verb + " … SELECT into sharded table " + name);
        if (s.rows == null) throw ShardingException.notSupported(s.verb + " … SET into sharded table " + name + " (use a column list and VALUES)");
        if (s.columns == null || s.columns.isEmpty()) {
            throw ShardingException.notSupported(s.verb + " without a column list into sharded table " + name);
        }
        List<String> columns = new ArrayList<>();
        for (Column c : s.columns) columns.add(TableNames.unquote(c.getColumnName()));
        int keyIndex = indexOf(columns, table.shardKey());
        String generated = table.generatedKey();
        int generatedIndex = generated == null ? -1 : indexOf(columns, generated);
        boolean keyIsGenerated = generated != null && generated.equalsIgnoreCase(table.shardKey());
        if (keyIndex < 0 && !keyIsGenerated) {
            throw new ShardingException(1364, "HY000", "Field '" + table.shardKey() + "' doesn't have a default value: an INSERT into sharded table "
                    + name + " must give its shard key");
        }
        if (s.onDuplicate != null) {
            for (UpdateSet set : s.onDuplicate) {
                for (Column c : set.getColumns()) {
                    if (TableNames.unquote(c.getColumnName()).equalsIgnoreCase(table.shardKey())) {
                        throw ShardingException.shardKeyUpdate(name, table.shardKey());
                    }
                }
            }
        }
        List<List<RowValue>> rows = new ArrayList<>();
        for (List<Expression> row : s.rows) {
            if (row.size() != columns.size()) {
                throw new ShardingException(1136, "21S01", "Column count doesn't match value count at row " + (rows.size() + 1));
            }
            List<RowValue> values = new ArrayList<>();
            for (Expression e : row) {
                List<Integer> params = new ArrayList<>();
                for (JdbcParameter p : AstWalker.collect(e, JdbcParameter.class)) params.add(p.getIndex() - 1);
                values.add(new RowValue(e.toString(), params, Literals.valueOf(e)));
            }
            if (keyIndex >= 0 && values.get(keyIndex).ref() == null) {
                throw ShardingException.notSupported("a shard key value that is not a literal or parameter (" + values.get(keyIndex).text()
                        + ") in " + s.verb + " into " + name);
            }
            rows.add(values);
        }
        String suffix = "";
        List<Integer> suffixParams = new ArrayList<>();
        if (s.onDuplicate != null && !s.onDuplicate.isEmpty()) {
            int at = s.deparsed.lastIndexOf(" ON DUPLICATE KEY UPDATE ");
            suffix = s.deparsed.substring(at);
            for (JdbcParameter p : AstWalker.collect(s.onDuplicate, JdbcParameter.class)) suffixParams.add(p.getIndex() - 1);
        }
        StringBuilder columnList = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) columnList.append(i == 0 ? "" : ", ").append(s.columns.get(i));
        boolean appendGenerated = generated != null && generatedIndex < 0;
        if (appendGenerated) columnList.append(columnList.isEmpty() ? "" : ", ").append(generated);
        return new ShardedInsert(s.verb, table, columnList.toString(), rows, keyIndex, generatedIndex, appendGenerated,
                suffix, suffixParams, parameterCount, keys);
    }

    private static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).equalsIgnoreCase(column)) return i;
        return -1;
    }

    /** Splits rows per physical table at execution, when parameter values are known. */
    private record ShardedInsert(String verb, ShardedTable table, String columnList, List<List<RowValue>> rows,
                                 int keyIndex, int generatedIndex, boolean appendGenerated, String suffix,
                                 List<Integer> suffixParams, int parameterCount, SnowflakeGenerator keys)
            implements FoldedRows.RowTemplate {

        @Override
        public Plan bind(List<Object> parameters) throws SQLException {
            Split split = new Split();
            for (List<RowValue> row : rows) split.add(row, parameters);
            return split.plan(parameters);
        }

        /** A folded multi-row statement: this template's one row, bound with each row's values in turn. */
        @Override
        public Plan bindRows(List<Object> values, int rowCount) throws SQLException {
            if (rows.size() != 1 || !suffixParams.isEmpty() || values.size() != (long) rowCount * parameterCount) {
                throw new IllegalStateException("not a one-row template for " + rowCount + " rows of " + values.size() + " values");
            }
            Split split = new Split();
            for (int r = 0; r < rowCount; r++) split.add(rows.get(0), values.subList(r * parameterCount, (r + 1) * parameterCount));
            return split.plan(List.of());
        }

        /**
         * A folded multi-row statement whose rows need nothing but routing: each shard's statement
         * is {@code <verb> INTO `table` (<columns>) VALUES} and its rows' text as the client wrote
         * it, in client order, routed by the key value {@link #bindRows} routes by. The values are
         * the normalizer's plain literals, which the text as written spells with the same meaning
         * (the normalizer reads no text with a backslash; rows with a comment inside have no
         * source, FoldedRows only folds rows that read alike and are separated by a bare comma), so
         * the backend runs what {@link #bindRows} and literal inlining would have sent without
         * rendering every value again (a 2,500-row sysbench INSERT: ~10,000 literals).
         */
        @Override
        public Plan bindRowsAsWritten(FoldedRows folded, List<Object> values) throws SQLException {
            int rowCount = folded.rowCount();
            String source = folded.source();
            if (source == null || rows.size() != 1 || keyIndex < 0 || generatedIndex >= 0 || appendGenerated
                    || !suffix.isEmpty() || !suffixParams.isEmpty() || values.size() != (long) rowCount * parameterCount) {
                return null;
            }
            ValueRef key = rows.get(0).get(keyIndex).ref(); // never null: sharded() refuses a key that is no literal or parameter
            int nodeCount = table.strategy().nodes().size();
            int[] nodeOfRow = new int[rowCount];
            long[] length = new long[nodeCount];
            int[] count = new int[nodeCount];
            for (int r = 0; r < rowCount; r++) {
                Object value = switch (key) {
                    case ValueRef.Param p -> values.get(r * parameterCount + p.index());
                    case ValueRef.Literal l -> l.value();
                };
                int node = table.strategy().nodeIndex(value);
                if (node < 0 || node >= nodeCount) return null;
                NormalizedStatement.ValuesRow row = folded.rows().get(r);
                nodeOfRow[r] = node;
                length[node] += row.sourceEnd() - row.sourceStart() + 2;
                count[node]++;
            }
            StringBuilder[] text = new StringBuilder[nodeCount];
            boolean[] started = new boolean[nodeCount];
            for (int n = 0; n < nodeCount; n++) {
                if (count[n] == 0) continue;
                String head = head(table.strategy().nodes().get(n).table());
                long capacity = head.length() + length[n];
                if (capacity > Integer.MAX_VALUE - 16) return null;
                text[n] = new StringBuilder((int) capacity).append(head);
            }
            for (int r = 0; r < rowCount; r++) {
                NormalizedStatement.ValuesRow row = folded.rows().get(r);
                int node = nodeOfRow[r];
                if (started[node]) text[node].append(", ");
                started[node] = true;
                text[node].append(source, row.sourceStart(), row.sourceEnd());
            }
            List<PhysicalStatement> statements = new ArrayList<>();
            for (int n = 0; n < nodeCount; n++) {
                if (text[n] != null) statements.add(new PhysicalStatement(table.strategy().nodes().get(n).dataSource(), text[n].toString()));
            }
            return route(statements);
        }

        /** The start of the statement for one physical table, up to its rows. */
        private String head(String physicalTable) {
            return verb + " INTO `" + physicalTable + "` (" + columnList + ") VALUES ";
        }

        /** The route of the split statements: EQUAL when every row went to one table, else IN. */
        private Route route(List<PhysicalStatement> statements) {
            return new Route(statements.size() == 1 ? RouteOpcode.EQUAL : RouteOpcode.IN, List.of(table.name()), statements, false);
        }

        /** Rows collected per target table while binding. */
        private final class Split {
            private final TreeMap<Integer, List<String>> textByNode = new TreeMap<>();
            private final TreeMap<Integer, List<Object>> paramsByNode = new TreeMap<>();
            private long firstId = 0;

            void add(List<RowValue> row, List<Object> parameters) throws SQLException {
                List<String> texts = new ArrayList<>();
                List<Object> params = new ArrayList<>();
                Long id = null;
                for (int i = 0; i < row.size(); i++) {
                    RowValue v = row.get(i);
                    if (i == generatedIndex && v.ref() != null && v.ref().resolve(parameters) == null) {
                        id = keys.next(); // NULL asks for a generated key, as with AUTO_INCREMENT
                        texts.add(Long.toString(id));
                        continue;
                    }
                    texts.add(v.text());
                    for (int p : v.parameters()) params.add(parameters.get(p));
                }
                if (appendGenerated) {
                    id = keys.next();
                    texts.add(Long.toString(id));
                }
                if (id != null && firstId == 0) firstId = id;
                Object key = keyIndex >= 0 ? (keyIndex == generatedIndex && id != null ? id : row.get(keyIndex).ref().resolve(parameters)) : id;
                int node = table.strategy().nodeIndex(key);
                textByNode.computeIfAbsent(node, k -> new ArrayList<>()).add("(" + String.join(", ", texts) + ")");
                paramsByNode.computeIfAbsent(node, k -> new ArrayList<>()).addAll(params);
            }

            /** {@code parameters}: those of the whole statement, for the ON DUPLICATE KEY UPDATE suffix. */
            Plan plan(List<Object> parameters) {
                List<PhysicalStatement> statements = new ArrayList<>();
                for (var e : textByNode.entrySet()) {
                    var node = table.strategy().nodes().get(e.getKey());
                    List<Object> params = paramsByNode.get(e.getKey());
                    for (int p : suffixParams) params.add(parameters.get(p));
                    String sql = head(node.table()) + String.join(", ", e.getValue()) + suffix;
                    statements.add(new PhysicalStatement(node.dataSource(), sql, params));
                }
                Plan route = route(statements);
                return firstId != 0 ? new GeneratedKey(route, firstId) : route;
            }
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
