package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.core.result.RowCursor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Three shards (databases merge_shard0..2, each with table {@code t}) and one plain database
 * (merge_single) holding all rows in one table {@code t}, filled with the same random rows: the
 * same query against the single table is what a merge over the shards must reproduce.
 */
public final class ShardedFixture implements AutoCloseable {
    public static final int SHARDS = 3;
    static final String SCHEMA = "(id INT PRIMARY KEY, g VARCHAR(8), k INT, i INT, u BIGINT UNSIGNED, d DECIMAL(12,2),"
            + " f FLOAT, x DOUBLE, s VARCHAR(20), dt DATETIME, tm TIME, dt3 DATETIME(3)) COLLATE utf8mb4_general_ci";
    public final Connection single;
    final Map<String, Connection> shards = new LinkedHashMap<>();
    public final JdbcShardExecutor executor;

    public ShardedFixture(String prefix, int rows) throws SQLException {
        single = MariaDb.freshDatabase(prefix + "_single");
        MariaDb.execute(single, "CREATE TABLE t " + SCHEMA);
        for (int s = 0; s < SHARDS; s++) {
            Connection c = MariaDb.freshDatabase(prefix + "_shard" + s);
            MariaDb.execute(c, "CREATE TABLE t " + SCHEMA);
            shards.put("ds" + s, c);
        }
        executor = new JdbcShardExecutor(shards);
        Random random = new Random(2024);
        String[] groups = {"alpha", "beta", "gamma", "delta", null};
        String[] words = {"apple", "Banana", "cherry", "Äpfel", "zebra", "Zulu", "éclair", "mango", null};
        String insert = "INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
        List<PreparedStatement> targets = new ArrayList<>();
        targets.add(single.prepareStatement(insert));
        for (Connection c : shards.values()) targets.add(c.prepareStatement(insert));
        for (int id = 1; id <= rows; id++) {
            Object[] v = {id, groups[random.nextInt(groups.length)], random.nextInt(20),
                    random.nextInt(10) == 0 ? null : random.nextInt(2_000_000) - 1_000_000,
                    random.nextBoolean() ? "18446744073709551" + (100 + random.nextInt(500)) : Integer.toString(random.nextInt(1000)),
                    random.nextInt(8) == 0 ? null : new java.math.BigDecimal(random.nextInt(2_000_000) - 1_000_000).movePointLeft(2),
                    random.nextInt(400) / 4.0f, random.nextInt(8) == 0 ? null : (random.nextInt(20000) - 10000) / 2.0,
                    words[random.nextInt(words.length)],
                    String.format("2024-%02d-%02d %02d:%02d:%02d", 1 + random.nextInt(12), 1 + random.nextInt(28),
                            random.nextInt(24), random.nextInt(60), random.nextInt(60)),
                    String.format("%s%02d:%02d:%02d", random.nextBoolean() ? "-" : "", random.nextInt(120), random.nextInt(60), random.nextInt(60)),
                    String.format("2023-06-%02d 10:00:%02d.%03d", 1 + random.nextInt(28), random.nextInt(60), random.nextInt(1000))};
            for (PreparedStatement ps : List.of(targets.get(0), targets.get(1 + id % SHARDS))) {
                for (int k = 0; k < v.length; k++) ps.setObject(k + 1, v[k]);
                ps.addBatch();
            }
        }
        for (PreparedStatement ps : targets) {
            ps.executeBatch();
            ps.close();
        }
    }

    /** Runs the same physical SQL on every shard; one cursor per shard, in shard order. */
    public List<RowCursor> scatter(String sql) throws SQLException {
        List<PhysicalStatement> statements = new ArrayList<>();
        for (String ds : shards.keySet()) statements.add(new PhysicalStatement(ds, sql));
        List<RowCursor> cursors = new ArrayList<>();
        for (ShardResult r : executor.executeAll(statements)) cursors.add(((ShardResult.Rows) r).cursor());
        return cursors;
    }

    List<List<String>> onSingle(String sql) throws SQLException {
        return MariaDb.rows(single, sql);
    }

    public RowCursor singleCursor(String sql) throws SQLException {
        return MariaDb.query(single, sql);
    }

    @Override
    public void close() throws SQLException {
        single.close();
        for (Connection c : shards.values()) c.close();
    }
}
