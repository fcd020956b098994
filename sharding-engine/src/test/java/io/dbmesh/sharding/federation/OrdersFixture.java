package io.dbmesh.sharding.federation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbmesh.sharding.algorithm.ShardFunctions;
import io.dbmesh.sharding.merge.JdbcShardExecutor;
import io.dbmesh.sharding.merge.MariaDb;
import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.ShardingRulesBinder;
import io.dbmesh.sharding.rule.TableKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The orders schema sharded over two real data sources (databases merge_fed_ds0/1), plus the same
 * rows in one plain database (merge_fed_single). t_user and t_order are bound (sharded by
 * user_id); t_item is sharded differently (by item_id); t_region is broadcast.
 */
final class OrdersFixture implements AutoCloseable {
    static final String RULES = """
            default_data_source: ds_0
            tables:
              t_user:  {key: user_id, nodes: "ds_[0..1].t_user_[0..1]", database: mod, table: {algorithm: expression, expression: "user_id / 2 % 2"}}
              t_order: {key: user_id, nodes: "ds_[0..1].t_order_[0..1]", database: mod, table: {algorithm: expression, expression: "user_id / 2 % 2"}}
              t_item:  {key: item_id, nodes: "ds_[0..1].t_item_[0..1]", algorithm: mod}
            binding: [[t_user, t_order]]
            broadcast: [t_region]
            """;
    static final Map<String, String> DDL = Map.of(
            "t_user", "(user_id BIGINT PRIMARY KEY, name VARCHAR(64), region_id INT, created_at DATETIME, balance DECIMAL(12,2))",
            "t_order", "(order_id BIGINT PRIMARY KEY, user_id BIGINT, status VARCHAR(16), amount DECIMAL(12,2), created_at DATETIME)",
            "t_item", "(item_id BIGINT PRIMARY KEY, order_id BIGINT, user_id BIGINT, sku VARCHAR(32), qty INT, price DECIMAL(10,2))",
            "t_region", "(region_id INT PRIMARY KEY, name VARCHAR(64))");

    final ShardingRules rules;
    final Connection single;
    final Map<String, Connection> dataSources = new LinkedHashMap<>();
    final JdbcShardExecutor executor;

    OrdersFixture() throws Exception {
        rules = new ShardingRulesBinder(new ShardFunctions(OrdersFixture.class.getClassLoader()), Map.<String, String>of()::get)
                .bind("orders", new ObjectMapper(new YAMLFactory()).readTree(RULES), List.of("ds_0", "ds_1"), null);
        single = MariaDb.freshDatabase("merge_fed_single");
        dataSources.put("ds_0", MariaDb.freshDatabase("merge_fed_ds0"));
        dataSources.put("ds_1", MariaDb.freshDatabase("merge_fed_ds1"));
        executor = new JdbcShardExecutor(dataSources);
        for (var e : DDL.entrySet()) {
            MariaDb.execute(single, "CREATE TABLE " + e.getKey() + " " + e.getValue());
            for (DataNode n : nodes(e.getKey())) MariaDb.execute(dataSources.get(n.dataSource()), "CREATE TABLE " + n.table() + " " + e.getValue());
        }
        Random r = new Random(11);
        String[] names = {"alice", "Bob", "carol", "Dave", "émile", "frank", null};
        String[] statuses = {"NEW", "paid", "shipped", "cancelled", null};
        for (int region = 1; region <= 4; region++) insert("t_region", null, region, "region " + region);
        for (long user = 1; user <= 40; user++) {
            insert("t_user", user, user, names[r.nextInt(names.length)], 1 + r.nextInt(5),
                    "2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + " 10:00:00",
                    new java.math.BigDecimal(r.nextInt(100000)).movePointLeft(2));
        }
        long item = 1;
        for (long order = 1; order <= 120; order++) {
            long user = 1 + r.nextInt(45); // some orders of users that do not exist
            insert("t_order", user, order, user, statuses[r.nextInt(statuses.length)],
                    r.nextInt(10) == 0 ? null : new java.math.BigDecimal(r.nextInt(50000)).movePointLeft(2),
                    "2024-0" + (1 + r.nextInt(9)) + "-0" + (1 + r.nextInt(9)) + " 1" + r.nextInt(10) + ":30:00");
            for (int k = r.nextInt(4); k > 0; k--, item++) {
                insert("t_item", item, item, order, user, "SKU-" + (char) ('A' + r.nextInt(6)), 1 + r.nextInt(5),
                        new java.math.BigDecimal(r.nextInt(10000)).movePointLeft(2));
            }
        }
    }

    List<DataNode> nodes(String table) {
        if (rules.kind(table) == TableKind.SHARDED) return rules.shardedTable(table).orElseThrow().strategy().nodes();
        return rules.dataSources().stream().map(ds -> new DataNode(ds, table)).toList();
    }

    /** Inserts into the single database and into the shard (or every copy of a broadcast table). */
    private void insert(String table, Object key, Object... values) throws SQLException {
        String marks = "?" + ",?".repeat(values.length - 1);
        List<DataNode> targets = key == null ? nodes(table)
                : List.of(rules.shardedTable(table).orElseThrow().strategy().node(key));
        write(single, "INSERT INTO " + table + " VALUES (" + marks + ")", values);
        for (DataNode n : targets) write(dataSources.get(n.dataSource()), "INSERT INTO " + n.table() + " VALUES (" + marks + ")", values);
    }

    private static void write(Connection c, String sql, Object[] values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        single.close();
        for (Connection c : dataSources.values()) c.close();
    }
}
