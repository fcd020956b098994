package io.dbmesh.sharding.plan;

import io.dbmesh.core.sql.ScannedSql;
import io.dbmesh.core.sql.SqlScanner;
import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.keygen.SnowflakeGenerator;
import io.dbmesh.sharding.parse.AstWalker;
import io.dbmesh.sharding.parse.LiteralNormalizer;
import io.dbmesh.sharding.parse.NormalizedStatement;
import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.route.RouteOpcode;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planner of one sharded logical database: SQL text (+ bound parameters) → {@link Plan}.
 * Analysis is cached per statement text ({@link PlanCache}); routing happens per bind. Text
 * statements that differ only in the values of their WHERE / VALUES / SET literals share one
 * analysis: {@link LiteralNormalizer} turns those literals into {@code ?}, the normalized text is
 * planned like a prepared statement and bound with the values, and {@link LiteralInlining} writes the
 * values back into the physical SQL as the literals they were. One instance
 * per rules snapshot, shared by all sessions (thread-safe).
 *
 * <p>Session statements (SET, USE, BEGIN/COMMIT, …) are the session's business and never come here.
 */
public final class ShardingPlanner implements StatementPlanner {
    private static final Pattern EXPLAIN_ROUTE = Pattern.compile("(?is)\\s*EXPLAIN\\s+ROUTE\\s+(.+)");
    private static final Pattern DROP_TABLES = Pattern.compile(
            "(?is)\\s*DROP\\s+(TEMPORARY\\s+)?TABLES?\\s+(IF\\s+EXISTS\\s+)?(.+?)(\\s+(?:RESTRICT|CASCADE))?\\s*");
    private static final Pattern DROP_INDEX = Pattern.compile(
            "(?is)\\s*(DROP\\s+INDEX\\s+(?:`[^`]+`|[\\w$]+)\\s+ON\\s+)((?:`[^`]+`|[\\w$]+)(?:\\.(?:`[^`]+`|[\\w$]+))?)(.*)");
    /** A statement that is one versioned comment, as mariadb-dump writes them: MariaDB runs its content. */
    private static final Pattern VERSIONED = Pattern.compile("(?s)/\\*M?!\\d{0,6}\\s*(.*?)\\s*\\*/");
    private static final Pattern WORD = Pattern.compile("`([^`]+)`|([A-Za-z0-9_$]+)");

    private final ShardingRules rules;
    private final SnowflakeGenerator keys;
    private final PlanCache cache;
    private final DeclinedShapes declined;
    /**
     * Whether a folded multi-row INSERT whose rows need only routing copies each row's text as
     * written into its shard's statement (see {@link FoldedRows.RowTemplate#bindRowsAsWritten});
     * false renders every row from its values again as before (tests compare both; the system
     * property {@code dbmesh.sharding.renderInsertRows=true} turns it off for measurements).
     */
    boolean rowsAsWritten = !Boolean.getBoolean("dbmesh.sharding.renderInsertRows");
    /** Set once when the sidecar is assembled (the planner is built with the config, before telemetry). */
    private volatile PlanCacheListener cacheListener = PlanCacheListener.NONE;

    public ShardingPlanner(ShardingRules rules, SnowflakeGenerator keys, int cacheSize) {
        this.rules = rules;
        this.keys = keys;
        this.cache = new PlanCache(cacheSize);
        this.declined = new DeclinedShapes(Math.max(16, cacheSize / 4));
    }

    public ShardingPlanner(ShardingRules rules) {
        this(rules, new SnowflakeGenerator(rules.workerId()), 2048);
    }

    public ShardingRules rules() {
        return rules;
    }

    /** Plans and binds in one step (text protocol, or a prepared statement's execution). */
    @Override
    public Plan plan(String sql, List<Object> parameters) throws SQLException {
        return plan(sql, parameters, null);
    }

    /**
     * As {@link #plan(String, List)}, with the tokens the session lexed when the statement arrived
     * (null, or of another text once the session rewrote it: then the text is lexed here), so that a
     * text statement is lexed once on its way to a shared analysis.
     */
    public Plan plan(String sql, List<Object> parameters, ScannedSql lexed) throws SQLException {
        if (parameters.isEmpty()) {
            Plan shared = planNormalized(sql, lexed);
            if (shared != null) return shared;
        }
        PlanTemplate t = prepare(sql);
        if (parameters.size() < t.parameterCount()) {
            throw new ShardingException(1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
        }
        return t.bind(parameters);
    }

    /** Where cache hits and misses are reported (telemetry); {@link PlanCacheListener#NONE} by default. */
    public void reportCacheLookupsTo(PlanCacheListener listener) {
        this.cacheListener = listener == null ? PlanCacheListener.NONE : listener;
    }

    /** The analysed statement, from the cache when seen before. */
    public PlanTemplate prepare(String sql) throws SQLException {
        PlanTemplate t = cache.get(sql);
        cacheListener.lookup(t != null);
        if (t == null) {
            t = analyse(sql);
            cache.put(sql, t);
        }
        return t;
    }

    /**
     * A text statement planned through the analysis of its normalized form, or null when it has no
     * literal to share or the shared form does not carry over exactly (the caller plans the text).
     */
    private Plan planNormalized(String sql, ScannedSql lexed) {
        String text = trimmed(sql);
        NormalizedStatement n = LiteralNormalizer.normalize(text, lexed);
        if (n == null) return null;
        FoldedRows folded = FoldedRows.of(n, rowsAsWritten ? text : null);
        if (folded != null) {
            Plan plan = planFolded(folded, n.values());
            if (plan != null) return plan;
        }
        if (declined.contains(n.text())) return null;
        PlanTemplate t;
        try {
            t = prepare(n.text());
        } catch (SQLException | RuntimeException e) {
            declined.add(n.text()); // the text path gives the statement's own error, or plans it
            return null;
        }
        if (t.parameterCount() != n.values().size()) {
            declined.add(n.text());
            return null;
        }
        try {
            return LiteralInlining.inline(t.bind(n.values()));
        } catch (SQLException | RuntimeException e) {
            return null; // a value-specific refusal: the text path reports it in its own words
        }
    }

    /**
     * A multi-row INSERT into a sharded table through the analysis of its one-row form; null when
     * that form is not a sharded INSERT or fails (the caller goes on with the whole statement).
     */
    private Plan planFolded(FoldedRows folded, List<Object> values) {
        if (declined.contains(folded.oneRow())) return null;
        PlanTemplate t;
        try {
            t = prepare(folded.oneRow());
        } catch (SQLException | RuntimeException e) {
            declined.add(folded.oneRow());
            return null;
        }
        if (!(t instanceof FoldedRows.RowTemplate rows) || t.parameterCount() != folded.valuesPerRow()) {
            declined.add(folded.oneRow());
            return null;
        }
        try {
            Plan asWritten = rows.bindRowsAsWritten(folded, values);
            if (asWritten != null) return asWritten;
            return LiteralInlining.inline(rows.bindRows(values, folded.rowCount()));
        } catch (SQLException | RuntimeException e) {
            return null; // a value-specific refusal: the text path reports it in its own words
        }
    }

    int cachedStatements() {
        return cache.size();
    }

    long cacheHits() {
        return cache.hits();
    }

    private PlanTemplate analyse(String original) throws SQLException {
        String sql = trimmed(original);
        Matcher m = EXPLAIN_ROUTE.matcher(sql);
        if (m.matches()) return new ExplainRoute(prepare(m.group(1)));
        PlanTemplate metadata = MetadataPlanning.plan(sql, rules);
        if (metadata != null) return metadata;
        if ((m = DROP_INDEX.matcher(sql)).matches()) return dropIndex(sql, m);
        if ((m = DROP_TABLES.matcher(sql)).matches() && m.group(3).contains(",")) return dropTables(m);

        Statement st;
        try {
            st = parse(sql);
        } catch (JSQLParserException | RuntimeException e) {
            // MySQL's BINARY operator (ORDER BY BINARY name) is unknown to the parser: read it as the CAST it means
            String cast = BinaryOperator.asCast(sql);
            if (cast == null) return unparsed(sql, e);
            try {
                st = parse(cast);
                sql = cast;
            } catch (JSQLParserException | RuntimeException again) {
                return unparsed(sql, e);
            }
        }
        if (st instanceof net.sf.jsqlparser.statement.UnsupportedStatement) return unparsed(sql, null);
        int parameterCount = 0;
        for (JdbcParameter p : AstWalker.collect(st, JdbcParameter.class)) {
            parameterCount = Math.max(parameterCount, p.getIndex() == null ? 0 : p.getIndex());
        }
        String parsed = sql;
        return switch (st) {
            case Select s -> SelectPlanning.plan(parsed, s, rules, parameterCount, () -> reparse(parsed));
            case Insert i -> InsertPlanning.plan(sql, i, rules, parameterCount, keys);
            case Upsert u -> InsertPlanning.plan(sql, u, rules, parameterCount, keys);
            case Update u -> WritePlanning.plan(sql, u, rules, parameterCount);
            case Delete d -> WritePlanning.plan(sql, d, rules, parameterCount);
            case CreateTable c -> DdlPlanning.plan(sql, c, rules, parameterCount);
            case Alter a -> DdlPlanning.plan(sql, a, rules, parameterCount);
            case Drop d -> DdlPlanning.plan(sql, d, rules, parameterCount);
            case Truncate t -> DdlPlanning.plan(sql, t, rules, parameterCount);
            case CreateIndex c -> DdlPlanning.plan(sql, c, rules, parameterCount);
            case net.sf.jsqlparser.statement.ExplainStatement e -> explain(sql, e);
            default -> other(sql, st, parameterCount);
        };
    }

    private static String trimmed(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) s = s.substring(0, s.length() - 1).stripTrailing();
        Matcher versioned = VERSIONED.matcher(s);
        if (versioned.matches() && !versioned.group(1).contains("*/")) return trimmed(versioned.group(1));
        return s;
    }

    /**
     * JSqlParser with MariaDB's backslash escapes in string literals ({@code 'o\'neil'},
     * {@code 'C:\\'}): without them it ends a literal at a backslash-escaped quote's quote.
     */
    private static Statement parse(String sql) throws JSQLParserException {
        return CCJSqlParserUtil.parse(sql, p -> p.withFeature(Feature.allowBackslashEscapeCharacter, true));
    }

    private static Statement reparse(String sql) {
        try {
            return parse(sql);
        } catch (JSQLParserException e) {
            throw new IllegalStateException("statement parsed once but not twice: " + sql, e);
        }
    }

    /** Statements without routing rules of their own: fine on the default data source unless they name a configured table. */
    private PlanTemplate other(String sql, Statement st, int parameterCount) throws ShardingException {
        TableNames names = TableNames.of(st);
        for (String t : names.names()) {
            if (rules.kind(t) != TableKind.DEFAULT) {
                throw ShardingException.notSupported(st.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT)
                        + " statement on configured table " + t);
            }
        }
        return Routes.single(RouteOpcode.UNSHARDED, List.of(), rules.defaultDataSource(), sql, parameterCount, Routes.looksLikeQuery(sql));
    }

    /**
     * The parser does not understand the statement: it may still run on the default data source
     * as written, but only if it names no configured table (else a wrong route would be silent).
     */
    private PlanTemplate unparsed(String sql, Exception cause) throws ShardingException {
        Matcher w = WORD.matcher(sql);
        while (w.find()) {
            String word = w.group(1) != null ? w.group(1) : w.group(2);
            if (rules.kind(word) != TableKind.DEFAULT) {
                String detail = cause == null ? "" : ": " + firstLine(cause.getMessage());
                throw ShardingException.notSupported("a statement the sharding parser cannot read, on configured table " + word + detail);
            }
        }
        return Routes.single(RouteOpcode.UNSHARDED, List.of(), rules.defaultDataSource(), sql, SqlScanner.countParameterMarkers(sql), Routes.looksLikeQuery(sql));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.replaceFirst("^[\\w.]+Exception: ", "");
    }

    private PlanTemplate explain(String sql, net.sf.jsqlparser.statement.ExplainStatement e) throws SQLException {
        String inner = e.getStatement() == null ? null : e.getStatement().toString();
        if (inner == null) return other(sql, e, 0);
        PlanTemplate innerPlan = prepare(inner);
        String prefix = sql.substring(0, sql.toUpperCase(Locale.ROOT).indexOf("EXPLAIN") + "EXPLAIN".length());
        return new PlanTemplate() {
            @Override
            public int parameterCount() {
                return innerPlan.parameterCount();
            }

            @Override
            public Plan bind(List<Object> parameters) throws SQLException {
                Plan p = innerPlan.bind(parameters);
                if (p instanceof Route r && r.statements().size() == 1) {
                    PhysicalStatement s = r.statements().get(0);
                    return new Route(r.opcode(), r.tables(), List.of(new PhysicalStatement(s.dataSource(), prefix + " " + s.sql(), s.parameters())), true);
                }
                throw ShardingException.notSupported("EXPLAIN of a statement that runs on several shards (EXPLAIN ROUTE shows its route)");
            }
        };
    }

    private PlanTemplate dropTables(Matcher m) throws SQLException {
        List<PlanTemplate> parts = new ArrayList<>();
        String head = "DROP " + (m.group(1) == null ? "" : "TEMPORARY ") + "TABLE " + (m.group(2) == null ? "" : "IF EXISTS ");
        for (String t : m.group(3).split(",")) parts.add(prepare(head + t.strip()));
        return DdlPlanning.sequence(parts);
    }

    private PlanTemplate dropIndex(String sql, Matcher m) throws ShardingException {
        String qualified = m.group(2);
        String table = qualified.contains(".") && !qualified.startsWith("`") ? qualified.substring(qualified.indexOf('.') + 1) : qualified;
        String logical = TableNames.unquote(table);
        switch (rules.kind(logical)) {
            case SHARDED -> {
                List<String[]> statements = new ArrayList<>();
                for (var node : rules.shardedTable(logical).orElseThrow().strategy().nodes()) {
                    statements.add(new String[]{node.dataSource(), m.group(1) + "`" + node.table() + "`" + m.group(3)});
                }
                return Routes.fanOut(RouteOpcode.ALL_TABLES, List.of(logical), statements, 0, false);
            }
            case BROADCAST -> {
                List<String[]> statements = new ArrayList<>();
                for (String ds : rules.dataSources()) statements.add(new String[]{ds, m.group(1) + "`" + logical + "`" + m.group(3)});
                return Routes.fanOut(RouteOpcode.BROADCAST, List.of(logical), statements, 0, false);
            }
            default -> {
                return Routes.single(RouteOpcode.UNSHARDED, List.of(logical), rules.unshardedDataSource(logical),
                        m.group(1) + "`" + logical + "`" + m.group(3), 0, false);
            }
        }
    }
}
