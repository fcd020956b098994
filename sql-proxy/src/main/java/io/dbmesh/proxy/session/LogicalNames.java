package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.sql.DatabaseTargets;
import io.dbmesh.proxy.sql.SchemaReferences;
import io.dbmesh.core.sql.SqlScanner;
import io.dbmesh.proxy.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Logical database names in statements, rewritten to what the backend knows: a passthrough
 * database's qualified names ({@code shop.customers}, {@code shop.f()}, {@code SHOW TABLES FROM
 * shop}) get its data source's physical schema; a sharded database's own qualifier is dropped (the
 * sharding engine plans unqualified logical tables). Statements that name no logical database whose
 * physical name differs pass untouched after one {@code indexOf} per such name.
 */
final class LogicalNames {
    private final LogicalDatabases databases;
    private final SessionState state;
    /** Logical names that differ from their physical schema, or are sharded: the ones to look for. */
    private final List<String> mapped;

    LogicalNames(LogicalDatabases databases, SessionState state) {
        this.databases = databases;
        this.state = state;
        List<String> m = new ArrayList<>();
        for (String name : databases.names()) {
            LogicalDatabase db = databases.find(name);
            List<String> physical = databases.physicalSchemas(name);
            if (db instanceof ShardedDatabase || physical.size() != 1 || !physical.get(0).equals(name)) m.add(name);
        }
        this.mapped = List.copyOf(m);
    }

    /** Whether any logical name differs from its physical schema (else nothing here ever rewrites). */
    boolean any() {
        return !mapped.isEmpty();
    }

    /**
     * physical → logical for the databases {@code visible} whose names differ: passthrough ones
     * first (first one wins), then each physical schema of the sharded database in use.
     */
    java.util.Map<String, String> logicalOf(List<String> visible) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String logical : visible) {
            if (!(databases.find(logical) instanceof PassthroughDatabase)) continue;
            String physical = physicalOf(logical);
            if (physical != null && !physical.equals(logical)) out.putIfAbsent(physical, logical);
        }
        if (state.serving instanceof ShardedDatabase db) {
            for (String physical : databases.physicalSchemas(db.name())) {
                if (!physical.equals(db.name())) out.putIfAbsent(physical, db.name());
            }
        }
        return out;
    }

    /**
     * {@code SHOW PROCEDURE|FUNCTION|PACKAGE [BODY] STATUS WHERE e} and {@code SHOW EVENTS WHERE e}
     * with each {@code Db} of {@code e} read as the logical name its row is shown with
     * ({@link LogicalNamesSink}), so {@code WHERE Db = 'orders'} finds the rows of the physical
     * schemas behind {@code orders}, and {@code DATABASE()}/{@code SCHEMA()} as {@code current}, the
     * logical database in use; any other statement is returned as is.
     */
    static String showWhereInLogicalNames(String sql, java.util.Map<String, String> logicalOf, String current) {
        if (logicalOf.isEmpty()) return sql;
        SqlScanner s = new SqlScanner(sql);
        s.next();
        if (!s.isWord("SHOW")) return sql;
        s.next();
        if (s.isWord("PROCEDURE") || s.isWord("FUNCTION") || s.isWord("PACKAGE")) {
            s.next();
            if (s.isWord("BODY")) s.next();
            if (!s.isWord("STATUS")) return sql;
        } else if (!s.isWord("EVENTS")) {
            return sql;
        }
        SqlScanner.Type t;
        do {
            t = s.next();
        } while (t != SqlScanner.Type.END && !s.isWord("WHERE"));
        if (t == SqlScanner.Type.END) return sql;
        StringBuilder db = new StringBuilder("(CASE `Db`");
        for (var e : logicalOf.entrySet()) {
            db.append(" WHEN ").append(InformationSchemaAccess.literal(e.getKey()))
                    .append(" THEN ").append(InformationSchemaAccess.literal(e.getValue()));
        }
        String replacement = db.append(" ELSE `Db` END)").toString();
        StringBuilder out = new StringBuilder(sql.length() + replacement.length());
        int copied = 0;
        boolean afterDot = false;
        while ((t = s.next()) != SqlScanner.Type.END) {
            boolean name = t == SqlScanner.Type.WORD || t == SqlScanner.Type.QUOTED_IDENTIFIER;
            if (name && !afterDot && s.identifier().equalsIgnoreCase("Db") && !followedBy(sql, s.end(), '(')) {
                out.append(sql, copied, s.start()).append(replacement);
                copied = s.end();
            } else if (t == SqlScanner.Type.WORD && !afterDot && current != null
                    && (s.isWord("DATABASE") || s.isWord("SCHEMA")) && followedBy(sql, s.end(), '(')) {
                int start = s.start();
                s.next(); // (
                if (s.next() == SqlScanner.Type.SYMBOL && s.isSymbol(')')) {
                    out.append(sql, copied, start).append(InformationSchemaAccess.literal(current));
                    copied = s.end();
                }
            }
            afterDot = t == SqlScanner.Type.SYMBOL && s.isSymbol('.');
        }
        return copied == 0 ? sql : out.append(sql, copied, sql.length()).toString();
    }

    private static boolean followedBy(String sql, int at, char c) {
        SqlScanner s = new SqlScanner(sql, at, sql.length());
        return s.next() == SqlScanner.Type.SYMBOL && s.isSymbol(c);
    }

    /** The physical schema of a passthrough logical database, or null (sharded, unknown). */
    String physicalOf(String logical) {
        if (!(databases.find(logical) instanceof PassthroughDatabase)) return null;
        List<String> p = databases.physicalSchemas(logical);
        return p.isEmpty() ? null : p.get(0);
    }

    /** {@code sql} with logical qualifiers rewritten for the backend. */
    String toPhysical(String sql, StatementKind kind, boolean noBackslashEscapes) throws MySqlException {
        if (mapped.isEmpty() || !mentionsMapped(sql)) {
            return sql;
        }
        List<SchemaReferences.Reference> refs = new ArrayList<>(DatabaseTargets.find(sql));
        if (sql.indexOf('.') >= 0) {
            refs.addAll(SchemaReferences.find(sql, noBackslashEscapes));
        }
        refs.sort((a, b) -> Integer.compare(a.start(), b.start()));
        StringBuilder out = null;
        int copied = 0;
        for (SchemaReferences.Reference ref : refs) {
            if (!mapped.contains(ref.schema()) || ref.start() < copied || ref.role() == SchemaReferences.Role.UNCERTAIN) continue;
            LogicalDatabase db = databases.find(ref.schema());
            String replacement;
            int end = ref.end();
            if (db instanceof PassthroughDatabase) {
                replacement = "`" + physicalOf(ref.schema()).replace("`", "``") + "`";
            } else if (db instanceof ShardedDatabase) {
                if (db != state.serving) {
                    throw MySqlException.notSupported("a statement naming sharded database '" + ref.schema()
                            + "' while another database is in use (USE " + ref.schema() + " first)");
                }
                if (ref.role() == SchemaReferences.Role.DATABASE) {
                    if (kind == StatementKind.SHOW) {
                        // SHOW TABLES FROM orders: the current database, which the sharding engine answers
                        int from = previousWordStart(sql, ref.start());
                        replacement = "";
                        out = append(out, sql, copied, from);
                        copied = end;
                        continue;
                    }
                    continue; // CREATE/DROP DATABASE: answered elsewhere
                }
                replacement = "";
                end = afterDot(sql, end); // orders.t_order → t_order
            } else {
                continue;
            }
            out = append(out, sql, copied, ref.start());
            out.append(replacement);
            copied = end;
        }
        return out == null ? sql : out.append(sql, copied, sql.length()).toString();
    }

    /**
     * CREATE DATABASE|SCHEMA of a logical database: true when the sidecar answered it (OK for IF NOT
     * EXISTS on a sharded database); throws 1007 without IF NOT EXISTS, since the logical database
     * exists by configuration. False when it is no such statement (a passthrough database's
     * {@code IF NOT EXISTS} then goes to the backend with the physical name, recreating a dropped
     * schema). DROP/ALTER DATABASE of a sharded database is refused by name.
     */
    boolean answerDatabaseDdl(String sql) throws MySqlException {
        SqlScanner s = new SqlScanner(sql);
        s.next();
        boolean create = s.isWord("CREATE"), drop = s.isWord("DROP"), alter = s.isWord("ALTER");
        if (!create && !drop && !alter) return false;
        List<SchemaReferences.Reference> targets = DatabaseTargets.find(sql);
        if (targets.isEmpty()) return false;
        String name = targets.get(0).schema();
        LogicalDatabase db = databases.find(name);
        if (db == null) return false;
        if (create) {
            boolean ifNotExists = sql.substring(0, targets.get(0).start()).toUpperCase(java.util.Locale.ROOT).contains("EXISTS");
            if (!ifNotExists) {
                throw new MySqlException(1007, "HY000", "Can't create database '" + name + "'; database exists");
            }
            return db instanceof ShardedDatabase;
        }
        if (db instanceof ShardedDatabase) {
            throw MySqlException.notSupported((drop ? "DROP" : "ALTER") + " DATABASE of sharded database '" + name + "'");
        }
        return false;
    }

    private boolean mentionsMapped(String sql) {
        for (String name : mapped) {
            if (sql.contains(name)) return true;
        }
        return false;
    }

    private static StringBuilder append(StringBuilder out, String sql, int from, int to) {
        if (out == null) out = new StringBuilder(sql.length() + 16);
        return out.append(sql, from, to);
    }

    private static int afterDot(String sql, int at) {
        SqlScanner s = new SqlScanner(sql, at, sql.length());
        s.next();
        return s.isSymbol('.') ? s.end() : at;
    }

    /** Start of the token before {@code at} (the FROM/IN of SHOW … FROM db). */
    private static int previousWordStart(String sql, int at) {
        SqlScanner s = new SqlScanner(sql, 0, at);
        int last = at;
        while (s.next() != SqlScanner.Type.END) last = s.start();
        return last;
    }
}
