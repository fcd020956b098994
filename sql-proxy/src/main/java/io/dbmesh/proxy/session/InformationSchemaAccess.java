package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.sql.SchemaReferences;
import io.dbmesh.core.sql.SqlScanner;
import io.dbmesh.proxy.sql.StatementFeatures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A non-admin user's view of {@code information_schema}: each table that lists schemas' objects is
 * replaced, in the statement, by a derived table of the rows of the user's own databases (their
 * physical schemas), {@code PROCESSLIST} by the user's own sidecar sessions, and tables that
 * describe the server or other accounts are refused (1142). Tables without schema data (character
 * sets, collations, keywords, this session's status and variables) pass unchanged.
 */
final class InformationSchemaAccess {

    /** Tables with schema data, and the column naming the schema of each row. */
    private static final Map<String, String> FILTERED = Map.ofEntries(
            Map.entry("SCHEMATA", "SCHEMA_NAME"),
            Map.entry("TABLES", "TABLE_SCHEMA"),
            Map.entry("COLUMNS", "TABLE_SCHEMA"),
            Map.entry("STATISTICS", "TABLE_SCHEMA"),
            Map.entry("VIEWS", "TABLE_SCHEMA"),
            Map.entry("ROUTINES", "ROUTINE_SCHEMA"),
            Map.entry("PARAMETERS", "SPECIFIC_SCHEMA"),
            Map.entry("TRIGGERS", "TRIGGER_SCHEMA"),
            Map.entry("EVENTS", "EVENT_SCHEMA"),
            Map.entry("PARTITIONS", "TABLE_SCHEMA"),
            Map.entry("KEY_COLUMN_USAGE", "TABLE_SCHEMA"),
            Map.entry("TABLE_CONSTRAINTS", "TABLE_SCHEMA"),
            Map.entry("REFERENTIAL_CONSTRAINTS", "CONSTRAINT_SCHEMA"),
            Map.entry("CHECK_CONSTRAINTS", "CONSTRAINT_SCHEMA"),
            Map.entry("PERIODS", "TABLE_SCHEMA"),
            Map.entry("KEY_PERIOD_USAGE", "TABLE_SCHEMA"));
    /** Tables without other schemas' or sessions' data. */
    private static final Set<String> FREE = Set.of("CHARACTER_SETS", "COLLATIONS", "COLLATION_CHARACTER_SET_APPLICABILITY",
            "ENGINES", "KEYWORDS", "SQL_FUNCTIONS", "SESSION_STATUS", "SESSION_VARIABLES", "PLUGINS", "ALL_PLUGINS",
            "PROFILING", "OPTIMIZER_TRACE", "SPATIAL_REF_SYS", "GEOMETRY_COLUMNS", "SYSTEM_VARIABLES", "GLOBAL_VARIABLES",
            "GLOBAL_STATUS");
    /** Words that may follow a table reference where no alias was given. */
    private static final Set<String> NOT_ALIAS = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL",
            "STRAIGHT_JOIN", "FULL", "ON", "USING", "GROUP", "ORDER", "HAVING", "LIMIT", "UNION", "EXCEPT", "INTERSECT",
            "FOR", "LOCK", "INTO", "PROCEDURE", "WINDOW", "USE", "IGNORE", "FORCE", "PARTITION", "SET", "VALUES",
            "SELECT", "RETURNING", "OFFSET", "FETCH");

    private final UserConfig user;
    private final LogicalDatabases databases;
    private final SessionState state;
    /** The user's own sessions, for PROCESSLIST. */
    private final Supplier<List<SessionCommandHandler.Activity>> sessions;
    private final String host;

    /** The columns of an information_schema table on the serving data source, in order (asked once per sidecar). */
    interface CatalogColumns {
        List<String> of(String table) throws MySqlException;
    }

    private final CatalogColumns columns;

    InformationSchemaAccess(UserConfig user, String host, LogicalDatabases databases, SessionState state,
                            Supplier<List<SessionCommandHandler.Activity>> sessions, CatalogColumns columns) {
        this.user = user;
        this.host = host;
        this.databases = databases;
        this.state = state;
        this.sessions = sessions;
        this.columns = columns;
    }

    /**
     * For a session that may see everything (an admin): the catalog tables that name schemas, with
     * physical schema names shown as the logical names they serve, so clients' metadata queries
     * ({@code TABLE_SCHEMA = 'shop'}) find a logical database whose physical name differs.
     */
    String mapForAdmin(String sql, boolean noBackslashEscapes) throws MySqlException {
        boolean catalog = mentionsInformationSchema(sql);
        if (!catalog && !mentions(sql, "proc")) return sql;
        List<SchemaReferences.Reference> refs = new ArrayList<>();
        for (SchemaReferences.Reference r : SchemaReferences.find(sql, noBackslashEscapes)) {
            if (r.schema().equalsIgnoreCase(LogicalDatabases.INFORMATION_SCHEMA) && r.object() != null
                    && FILTERED.containsKey(r.object().toUpperCase(Locale.ROOT)) && !shardedEngineAnswers(r.object())) {
                refs.add(r);
            } else if (isMysqlProc(r)) {
                refs.add(r);
            }
        }
        return refs.isEmpty() ? sql : rewrite(sql, refs, false);
    }

    /**
     * {@code mysql.proc}, where MySQL Connector/J looks up a procedure's parameters for a
     * CallableStatement ({@code WHERE db = '<database>'}): read with logical names in {@code db}.
     */
    private static boolean isMysqlProc(SchemaReferences.Reference r) {
        return r.schema().equalsIgnoreCase("mysql") && r.object() != null && r.object().equalsIgnoreCase("proc");
    }

    static boolean mentionsInformationSchema(String sql) {
        return mentions(sql, "information_schema");
    }

    private static boolean mentions(String sql, String word) {
        int n = sql.length() - word.length();
        char first = word.charAt(0);
        for (int i = 0; i <= n; i++) {
            char c = sql.charAt(i);
            if (Character.toLowerCase(c) == first && sql.regionMatches(true, i, word, 0, word.length())) return true;
        }
        return false;
    }

    /** TABLES, COLUMNS and STATISTICS of a sharded database are answered in logical terms by the sharding engine. */
    private boolean shardedEngineAnswers(String table) {
        return state.serving instanceof ShardedDatabase && (table.equalsIgnoreCase("TABLES")
                || table.equalsIgnoreCase("COLUMNS") || table.equalsIgnoreCase("STATISTICS"));
    }

    /** 1142, as MySQL answers a SELECT on a table the account has no privilege for. */
    private MySqlException denied(String table) {
        return new MySqlException(1142, "42000", "SELECT command denied to user '" + user.name() + "'@'" + host
                + "' for table `information_schema`.`" + table + "`");
    }

    /** With information_schema selected: statements without tables are fine (SELECT 1, SELECT DATABASE()). */
    boolean unqualifiedAllowed(String sql) {
        return !StatementFeatures.has(StatementFeatures.scan(sql), StatementFeatures.HAS_FROM);
    }

    /** {@code sql} with each of {@code refs} (information_schema.X, in text order) replaced by the user's view. */
    String rewrite(String sql, List<SchemaReferences.Reference> refs) throws MySqlException {
        return rewrite(sql, refs, true);
    }

    /** @param filter keep only the user's databases' rows (a user who is not an admin) */
    private String rewrite(String sql, List<SchemaReferences.Reference> refs, boolean filter) throws MySqlException {
        StringBuilder out = new StringBuilder(sql.length() + 128);
        int copied = 0;
        for (SchemaReferences.Reference ref : refs) {
            if (isMysqlProc(ref)) { // an admin's only (Authorization refuses mysql.* to others)
                if (ref.objectEnd() < 0 || followedByDot(sql, ref.objectEnd()) || !tableListPosition(sql, ref.start())) continue;
                out.append(sql, copied, ref.start()).append(procView(sql));
                if (!aliasFollows(sql, ref.objectEnd())) out.append(" AS `").append(ref.object().replace("`", "``")).append('`');
                copied = ref.objectEnd();
                continue;
            }
            String table = ref.object() == null ? "" : ref.object().toUpperCase(Locale.ROOT);
            if (ref.objectEnd() < 0) throw denied(table);
            boolean free = FREE.contains(table);
            boolean known = free || FILTERED.containsKey(table) || table.equals("PROCESSLIST");
            if (!known) throw denied(ref.object());
            if (free || shardedEngineAnswers(table)) continue;
            boolean column = followedByDot(sql, ref.objectEnd());
            if (column) {
                // information_schema.TABLES.TABLE_NAME: the derived table below carries the table's name
                out.append(sql, copied, ref.start());
                copied = ref.end() + dotAfter(sql, ref.end());
                continue;
            }
            if (!tableListPosition(sql, ref.start())) {
                if (firstWordIs(sql, "SHOW") || firstWordIs(sql, "DESC") || firstWordIs(sql, "DESCRIBE")
                        || firstWordIs(sql, "EXPLAIN")) {
                    continue; // the table's structure, not its rows
                }
                throw denied(ref.object());
            }
            out.append(sql, copied, ref.start()).append(view(table, filter, sql));
            if (!aliasFollows(sql, ref.objectEnd())) {
                out.append(" AS `").append(ref.object().replace("`", "``")).append('`');
            }
            copied = ref.objectEnd();
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private String view(String table, boolean filter, String sql) throws MySqlException {
        if (table.equals("PROCESSLIST")) {
            return processList();
        }
        // physical → logical, for the schemas that serve logical databases under another name
        java.util.Map<String, String> logicalOf = new java.util.LinkedHashMap<>();
        List<String> visible = filter ? databases.visibleTo(user) : databases.names();
        for (String logical : visible) {
            for (String physical : databases.physicalSchemas(logical)) {
                logicalOf.putIfAbsent(physical, logical);
            }
        }
        StringBuilder select = new StringBuilder("(SELECT ");
        ShardedDatabase sharded = state.serving instanceof ShardedDatabase db ? db : null;
        String[] located = TABLE_COLUMNS.get(table);
        selectList(select, columns.of(table), logicalOf, sql, InformationSchemaAccess::isSchemaColumn,
                c -> physicalNamesIn(c, located, logicalOf, sharded));
        select.append(" FROM information_schema.`").append(table).append('`');
        String copies = sharded == null || located == null ? null : otherCopies(sharded, located);
        if (copies != null) select.append(" WHERE ").append(copies);
        if (filter) {
            select.append(copies == null ? " WHERE " : " AND ");
            StringBuilder in = new StringBuilder();
            for (String physical : logicalOf.keySet()) {
                if (!in.isEmpty()) in.append(", ");
                in.append(literal(physical));
            }
            if (!in.isEmpty()) in.append(", ");
            in.append("'information_schema'"); // visible to everyone, as SHOW DATABASES says
            select.append('`').append(FILTERED.get(table)).append("` IN (").append(in).append(')');
        }
        return select.append(')').toString();
    }

    /** mysql.proc with logical names in its {@code db} column. */
    private String procView(String sql) throws MySqlException {
        java.util.Map<String, String> logicalOf = new java.util.LinkedHashMap<>();
        for (String logical : databases.names()) {
            for (String physical : databases.physicalSchemas(logical)) logicalOf.putIfAbsent(physical, logical);
        }
        StringBuilder select = new StringBuilder("(SELECT ");
        selectList(select, columns.of("mysql.proc"), logicalOf, sql, c -> c.equalsIgnoreCase("db"), c -> null);
        return select.append(" FROM mysql.proc)").toString();
    }

    /** The columns of a catalog table, each labelled as the statement spells it, schema columns told in logical names. */
    private static void selectList(StringBuilder select, List<String> cols, java.util.Map<String, String> logicalOf, String sql,
                                   java.util.function.Predicate<String> schemaColumn,
                                   java.util.function.Function<String, String> otherNames) {
        boolean mapping = logicalOf.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()));
        for (int i = 0; i < cols.size(); i++) {
            String c = cols.get(i);
            String q = "`" + c.replace("`", "``") + "`";
            // MariaDB labels a column read through a derived table with the derived table's name for
            // it, not with the client's spelling: alias each column as the statement spells it, so
            // `SELECT table_name …` still answers the label table_name, as it does without the view.
            String spelled = ColumnSpelling.in(sql, c);
            String label = "`" + spelled.replace("`", "``") + "`";
            if (i > 0) select.append(", ");
            String other = otherNames.apply(c);
            if (other != null) {
                select.append(other).append(" AS ").append(label);
            } else if (mapping && schemaColumn.test(c)) {
                select.append("CASE ").append(q);
                for (var e : logicalOf.entrySet()) {
                    if (e.getKey().equals(e.getValue())) continue;
                    select.append(" WHEN ").append(literal(e.getKey())).append(" THEN ").append(literal(e.getValue()));
                }
                select.append(" ELSE ").append(q).append(" END AS ").append(label);
            } else {
                select.append(q);
                if (!spelled.equals(c)) select.append(" AS ").append(label);
            }
        }
        if (cols.isEmpty()) select.append('*');
    }

    /**
     * Catalog tables whose rows name tables: the column with the row's schema, then the columns
     * with table names in that schema. Of a sharded database they show each logical table once.
     */
    private static final Map<String, String[]> TABLE_COLUMNS = Map.of(
            "VIEWS", new String[]{"TABLE_SCHEMA", "TABLE_NAME"},
            "KEY_COLUMN_USAGE", new String[]{"TABLE_SCHEMA", "TABLE_NAME", "REFERENCED_TABLE_NAME"},
            "TABLE_CONSTRAINTS", new String[]{"TABLE_SCHEMA", "TABLE_NAME"},
            "REFERENTIAL_CONSTRAINTS", new String[]{"CONSTRAINT_SCHEMA", "TABLE_NAME", "REFERENCED_TABLE_NAME"},
            "CHECK_CONSTRAINTS", new String[]{"CONSTRAINT_SCHEMA", "TABLE_NAME"},
            "TRIGGERS", new String[]{"EVENT_OBJECT_SCHEMA", "EVENT_OBJECT_TABLE"},
            "PARTITIONS", new String[]{"TABLE_SCHEMA", "TABLE_NAME"},
            "PERIODS", new String[]{"TABLE_SCHEMA", "TABLE_NAME"},
            "KEY_PERIOD_USAGE", new String[]{"TABLE_SCHEMA", "TABLE_NAME"});
    /** Columns holding SQL text (definitions, bodies), where schema and table names are backquoted. */
    private static final Set<String> SQL_TEXT = Set.of("VIEW_DEFINITION", "ACTION_STATEMENT", "ROUTINE_DEFINITION",
            "CHECK_CLAUSE", "EVENT_DEFINITION");

    /**
     * The expression showing column {@code c} in logical names, or null for the plain column: a
     * sharded database's physical table ({@code t_order_0}) in a table-name column becomes its
     * logical table, and in SQL text ({@code VIEW_DEFINITION} …) backquoted physical schemas and
     * tables become logical ones.
     */
    private String physicalNamesIn(String c, String[] located, java.util.Map<String, String> logicalOf,
                                          ShardedDatabase sharded) {
        String u = c.toUpperCase(Locale.ROOT);
        String q = "`" + c.replace("`", "``") + "`";
        Map<String, String> tables = sharded == null ? Map.of() : MessageNames.tables(sharded);
        if (SQL_TEXT.contains(u)) {
            String expr = q;
            boolean any = false;
            for (var e : logicalOf.entrySet()) {
                if (e.getKey().equals(e.getValue())) continue;
                expr = "REPLACE(" + expr + ", " + literal(quoted(e.getKey()) + ".") + ", " + literal(quoted(e.getValue()) + ".") + ")";
                any = true;
            }
            for (var e : tables.entrySet()) {
                expr = "REPLACE(" + expr + ", " + literal(quoted(e.getKey())) + ", " + literal(quoted(e.getValue())) + ")";
                any = true;
            }
            return any ? expr : null;
        }
        if (located == null || tables.isEmpty()) return null;
        if (u.equals("CONSTRAINT_NAME")) {
            // foreign keys MariaDB named after a physical table: t_order_item_0_ibfk_1 → t_order_item_ibfk_1
            StringBuilder expr = new StringBuilder("CASE WHEN `").append(located[0]).append("` IN (");
            List<String> schemas = physicalSchemasOf(sharded);
            for (int k = 0; k < schemas.size(); k++) expr.append(k > 0 ? ", " : "").append(literal(schemas.get(k)));
            expr.append(") THEN CASE");
            for (var e : tables.entrySet()) {
                String prefix = e.getKey() + MessageNames.FOREIGN_KEY_SUFFIX;
                expr.append(" WHEN LEFT(").append(q).append(", ").append(prefix.length()).append(") = ").append(literal(prefix))
                        .append(" AND SUBSTRING(").append(q).append(", ").append(prefix.length() + 1).append(") REGEXP '^[0-9]+$' THEN CONCAT(")
                        .append(literal(e.getValue() + MessageNames.FOREIGN_KEY_SUFFIX)).append(", SUBSTRING(").append(q)
                        .append(", ").append(prefix.length() + 1).append("))");
            }
            return expr.append(" ELSE ").append(q).append(" END ELSE ").append(q).append(" END").toString();
        }
        for (int i = 1; i < located.length; i++) {
            if (!located[i].equals(u)) continue;
            StringBuilder expr = new StringBuilder("CASE WHEN `").append(located[0]).append("` IN (");
            List<String> schemas = sharded == null ? List.of() : physicalSchemasOf(sharded);
            for (int k = 0; k < schemas.size(); k++) expr.append(k > 0 ? ", " : "").append(literal(schemas.get(k)));
            expr.append(") THEN CASE ").append(q);
            for (var e : tables.entrySet()) {
                expr.append(" WHEN ").append(literal(e.getKey())).append(" THEN ").append(literal(e.getValue()));
            }
            return expr.append(" ELSE ").append(q).append(" END ELSE ").append(q).append(" END").toString();
        }
        return null;
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private List<String> physicalSchemasOf(ShardedDatabase db) {
        return databases.physicalSchemas(db.name());
    }

    /**
     * A condition keeping one copy of each logical table of {@code db}: every physical table of a
     * sharded table, and every copy of a broadcast table, has the logical definition, so only the
     * first one on the default data source (where the catalog is read), else the first, is shown.
     * Null when nothing is to be left out.
     */
    private String otherCopies(ShardedDatabase db, String[] located) {
        var rules = db.rules();
        StringBuilder in = new StringBuilder();
        java.util.function.BiConsumer<String, String> drop = (ds, table) -> {
            String schema = databases.schemaOf(ds);
            if (schema == null) return;
            in.append(in.isEmpty() ? "" : ", ").append('(').append(literal(schema)).append(", ").append(literal(table)).append(')');
        };
        List<String> names = new ArrayList<>(rules.sharded().keySet());
        names.addAll(rules.broadcast());
        for (String logical : names) {
            Map<String, List<String>> where = PhysicalTables.of(rules, logical);
            String keepDs = where.containsKey(rules.defaultDataSource()) ? rules.defaultDataSource() : where.keySet().iterator().next();
            String keepTable = where.get(keepDs).get(0);
            for (var e : where.entrySet()) {
                for (String t : e.getValue()) {
                    if (!(e.getKey().equals(keepDs) && t.equals(keepTable))) drop.accept(e.getKey(), t);
                }
            }
        }
        if (in.isEmpty()) return null;
        return "(`" + located[0] + "`, `" + located[1] + "`) NOT IN (" + in + ")";
    }

    /** A column that holds a schema name: TABLE_SCHEMA, INDEX_SCHEMA, SCHEMA_NAME, … */
    private static boolean isSchemaColumn(String c) {
        String u = c.toUpperCase(Locale.ROOT);
        return u.endsWith("_SCHEMA") || u.equals("SCHEMA_NAME");
    }

    /** The user's own sidecar sessions, in information_schema.PROCESSLIST's first columns. */
    private String processList() {
        StringBuilder sb = new StringBuilder("(");
        List<SessionCommandHandler.Activity> mine = sessions.get();
        for (int i = 0; i < mine.size(); i++) {
            SessionCommandHandler.Activity a = mine.get(i);
            if (i > 0) sb.append(" UNION ALL ");
            sb.append("SELECT ").append(a.id()).append(" AS ID, ").append(literal(a.user())).append(" AS USER, ")
                    .append(literal(a.host())).append(" AS HOST, ").append(a.database() == null ? "NULL" : literal(a.database()))
                    .append(" AS DB, ").append(literal(a.command())).append(" AS COMMAND, ").append(a.seconds())
                    .append(" AS TIME, ").append(literal("")).append(" AS STATE, ")
                    .append(a.info() == null ? "NULL" : literal(a.info())).append(" AS INFO");
        }
        if (mine.isEmpty()) {
            sb.append("SELECT 0 AS ID, '' AS USER, '' AS HOST, NULL AS DB, '' AS COMMAND, 0 AS TIME, '' AS STATE, NULL AS INFO FROM DUAL WHERE FALSE");
        }
        return sb.append(")").toString();
    }

    static String literal(String s) {
        return io.dbmesh.proxy.sql.SqlLiteral.utf8(s);
    }

    private static boolean followedByDot(String sql, int at) {
        SqlScanner s = new SqlScanner(sql, at, sql.length());
        return s.next() == SqlScanner.Type.SYMBOL && s.isSymbol('.');
    }

    /** Length of the text from {@code at} to just after the next '.'. */
    private static int dotAfter(String sql, int at) {
        SqlScanner s = new SqlScanner(sql, at, sql.length());
        s.next();
        return s.end() - at;
    }

    /** Whether the name at {@code at} follows FROM, JOIN, ',' or '(' (a table reference of a query). */
    private static boolean tableListPosition(String sql, int at) {
        SqlScanner s = new SqlScanner(sql, 0, at);
        SqlScanner.Type last = SqlScanner.Type.END;
        String word = "";
        char symbol = 0;
        while (s.next() != SqlScanner.Type.END) {
            last = s.type();
            if (last == SqlScanner.Type.WORD) word = s.text().toUpperCase(Locale.ROOT);
            if (last == SqlScanner.Type.SYMBOL) symbol = sql.charAt(s.start());
        }
        if (last == SqlScanner.Type.WORD) return word.equals("FROM") || word.endsWith("JOIN");
        return last == SqlScanner.Type.SYMBOL && (symbol == ',' || symbol == '(');
    }

    private static boolean aliasFollows(String sql, int at) {
        SqlScanner s = new SqlScanner(sql, at, sql.length());
        SqlScanner.Type t = s.next();
        if (t == SqlScanner.Type.QUOTED_IDENTIFIER) return true;
        if (t != SqlScanner.Type.WORD) return false;
        return s.isWord("AS") || !NOT_ALIAS.contains(s.text().toUpperCase(Locale.ROOT));
    }

    private static boolean firstWordIs(String sql, String word) {
        SqlScanner s = new SqlScanner(sql);
        s.next();
        return s.isWord(word);
    }

    /** For tests and messages. */
    static List<String> filteredTables() {
        return new ArrayList<>(FILTERED.keySet());
    }
}
