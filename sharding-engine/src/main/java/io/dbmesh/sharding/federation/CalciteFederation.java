package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.sharding.rule.ShardingRules;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Calcite-backed {@link FederatedExecutor}: each federated statement gets an in-memory Calcite
 * connection with MySQL settings (lex MYSQL, conformance MYSQL_5, MySQL functions, case-insensitive
 * names, NULLs sorting first, {@link MySqlTypeSystem}) whose schema is the logical database over
 * the session's shards ({@link LogicalSchema}); Calcite plans joins, subqueries, UNION and
 * aggregation over {@link ShardScanTable} scans. A compiled statement is kept in a {@link PlanCache}
 * by shape, so running a statement again (a prepared one with other parameters too) plans nothing:
 * it only reads the tables' columns again and binds the session's shards. Errors Calcite raises for SQL it cannot run come
 * back as ER_NOT_SUPPORTED_YET naming Calcite's complaint; shard errors come back unchanged.
 *
 * <p>Instantiated only through {@link Federation#lazy}, on the first federated statement.
 */
final class CalciteFederation implements FederatedExecutor {
    static {
        // Calcite's own cache of generated classes, by generated source: a shape compiled again
        // (evicted from the plan cache, or two sessions compiling it at once) skips Janino.
        System.getProperties().putIfAbsent("calcite.bindable.cache.maxSize", "256");
        CalciteCharset.install(); // before any Calcite class loads: literals outside Latin-1
    }

    private final ShardingRules rules;
    private final long maxRowsRead;
    private final io.dbmesh.sharding.merge.ColumnCollations collations = new io.dbmesh.sharding.merge.ColumnCollations();
    private final org.apache.calcite.jdbc.Driver driver = new org.apache.calcite.jdbc.Driver();
    private final PlanCache plans;

    CalciteFederation(ShardingRules rules, long maxRowsRead, int planCacheSize) {
        this.rules = rules;
        this.maxRowsRead = maxRowsRead;
        this.plans = new PlanCache(planCacheSize);
    }

    static Properties settings() {
        Properties info = new Properties();
        info.setProperty("lex", "MYSQL");
        info.setProperty("conformance", "MYSQL_5");
        info.setProperty("fun", "mysql");
        info.setProperty("caseSensitive", "false");
        info.setProperty("defaultNullCollation", "LOW");
        info.setProperty("typeSystem", MySqlTypeSystem.class.getName() + "#INSTANCE");
        return info;
    }

    @Override
    public RowCursor execute(Federated statement, ShardExecutor shards) throws SQLException {
        FederatedSqlCheck.check(statement.sql());
        List<Integer> groupConcats = GroupConcatLimit.columns(statement.sql());
        long groupConcatLimit = groupConcats.isEmpty() ? 0 : GroupConcatLimit.sessionLimit(shards, rules.defaultDataSource());
        boolean noBackslashEscapes = shards.noBackslashEscapes();
        String sql = FederatedSqlCheck.toCalcite(statement.sql(), noBackslashEscapes);
        // Read before Calcite runs: a shard's error while reading metadata reaches the client unchanged.
        TableMetadata metadata = new TableMetadata();
        List<TableShape> shapes = new ArrayList<>();
        List<Object> identities = new ArrayList<>();
        for (String table : statement.tables()) {
            TableShape shape = TableShape.read(rules, table, metadata, collations, shards);
            shapes.add(shape);
            identities.add(shape.identity());
        }
        // The client's text: it also names expression columns (SelectItemTexts), as MariaDB does.
        PlanCache.Key key = new PlanCache.Key(statement.database(), statement.sql(), noBackslashEscapes, identities);
        CompiledStatement compiled = plans.take(key);
        if (compiled == null) compiled = compile(key, sql, shapes);
        compiled.binding().bind(shards, new RowBudget(maxRowsRead));
        try {
            PreparedStatement ps = compiled.statement();
            for (int i = 0; i < statement.parameters().size(); i++) ps.setObject(i + 1, statement.parameters().get(i));
            ResultSet rs = ps.executeQuery();
            RowCursor result = new CalciteResultCursor(compiled, rs, plans::release);
            return groupConcats.isEmpty() ? result : GroupConcatLimit.guard(result, groupConcats, groupConcatLimit);
        } catch (SQLException | RuntimeException e) {
            compiled.close(); // an execution that failed half-way is not trusted again
            throw translate(e, sql);
        }
    }

    /** Parses, validates, optimizes and generates code for one statement shape (the slow part). */
    private CompiledStatement compile(PlanCache.Key key, String sql, List<TableShape> shapes) throws SQLException {
        ScanBinding binding = new ScanBinding();
        Connection connection = driver.connect("jdbc:calcite:", settings());
        try {
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            SchemaPlus root = calcite.getRootSchema();
            root.add(key.database(), new LogicalSchema(shapes, binding));
            calcite.setSchema(key.database());
            PreparedStatement ps;
            try (org.apache.calcite.runtime.Hook.Closeable ignored = org.apache.calcite.runtime.Hook.PROGRAM.addThread(
                    (java.util.function.Consumer<org.apache.calcite.util.Holder<org.apache.calcite.tools.Program>>)
                            holder -> holder.set(CollatedEquality.program()))) {
                ps = calcite.prepareStatement(sql); // planned here, with collated string equality
            }
            return new CompiledStatement(key, connection, ps, binding, SelectItemTexts.of(key.sql()));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw translate(e, sql);
        }
    }

    /** A shard's error as the shard raised it; Calcite's own complaint as a named "not supported". */
    static SQLException translate(Throwable e) {
        return translate(e, null);
    }

    /** As {@link #translate(Throwable)}, naming the text of {@code sql} an error position points at. */
    static SQLException translate(Throwable e, String sql) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShardScanTable.ShardReadException read && read.getCause() instanceof SQLException s) return s;
            if (t instanceof ShardingException s) return s;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String first = firstLine(message);
        ShardingException error = ShardingException.notSupported("federated query: " + first + near(first, sql));
        error.initCause(e); // kept for the sidecar's log; the client sees the message only
        return error;
    }

    private static final java.util.regex.Pattern POSITION = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)");

    /** Like MySQL's syntax errors, the text at the position Calcite complains about ("" if none). */
    static String near(String message, String sql) {
        if (sql == null) return "";
        java.util.regex.Matcher m = POSITION.matcher(message);
        if (!m.find()) return "";
        int line = Integer.parseInt(m.group(1)), column = Integer.parseInt(m.group(2));
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) offset = sql.indexOf('\n', offset) + 1;
        offset += column - 1;
        if (offset < 0 || offset >= sql.length()) return "";
        return " near '" + sql.substring(offset, Math.min(sql.length(), offset + 40)) + "'";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
