package io.dbmesh.proxy.session;

import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code INSERT INTO t VALUES (…)} without a column list into a sharded table (what mariadb-dump
 * writes): the planner must know which value is the shard key, so the statement gets the logical
 * table's column list — its visible columns in table order, read from the first physical table at
 * the time of the statement (never cached: another sidecar may have altered the table).
 */
final class InsertColumnList {
    private static final String IDENT = "(?:`(?:[^`]|``)*`|[A-Za-z0-9_$]+)";
    private static final Pattern INSERT = Pattern.compile("(?is)(\\s*(?:INSERT|REPLACE)(?:\\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY))?"
            + "(?:\\s+IGNORE)?(?:\\s+INTO)?\\s+)((" + IDENT + ")(?:\\s*\\.\\s*(" + IDENT + "))?)(\\s*)(VALUES?\\b.*)");

    /** Reads the column names of a physical table, in order, without invisible columns. */
    interface ColumnSource {
        List<String> columns(DataNode table) throws SQLException;
    }

    private InsertColumnList() {
    }

    /** {@code sql} with the column list added when it is an INSERT/REPLACE … VALUES into a sharded table without one. */
    static String complete(String sql, ShardingRules rules, ColumnSource source) throws SQLException {
        if (!startsLikeInsert(sql)) return sql;
        Matcher m = INSERT.matcher(sql);
        if (!m.matches()) return sql;
        String table = unquote(m.group(4) != null ? m.group(4) : m.group(3));
        if (rules.kind(table) != TableKind.SHARDED) return sql;
        List<String> columns = source.columns(PhysicalTables.first(rules, table));
        if (columns.isEmpty()) return sql; // no such physical table: the planner's statement fails with the backend's error
        StringBuilder list = new StringBuilder(" (");
        for (int i = 0; i < columns.size(); i++) list.append(i == 0 ? "" : ", ").append(PhysicalTables.quote(columns.get(i)));
        return m.group(1) + m.group(2) + list.append(") ") + m.group(6);
    }

    /**
     * Whether the first word may be INSERT or REPLACE, as {@link #INSERT} starts: every sharded
     * statement comes here, and running the pattern on each SELECT was ~0.5 % of the sidecar's CPU
     * on sysbench read-only through two shards (profile, issue 13). The pattern's {@code \\s}.
     */
    static boolean startsLikeInsert(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r' -> { }
                default -> {
                    return c == 'i' || c == 'I' || c == 'r' || c == 'R';
                }
            }
        }
        return false;
    }

    private static String unquote(String ident) {
        return ident.startsWith("`") ? ident.substring(1, ident.length() - 1).replace("``", "`") : ident;
    }
}
