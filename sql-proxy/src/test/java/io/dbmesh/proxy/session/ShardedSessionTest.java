package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendRegistry;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders example (conf/examples/orders.yaml) served by sessions over the real MariaDB at
 * 127.0.0.1:3306, with physical databases shard_orders_ds0 / shard_orders_ds1: rows land on the
 * shards the rules say, and reads through the session answer like one server would.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class ShardedSessionTest {
    /** Per process: other builds on this machine may run the same test against the same server. */
    static final String DS0 = "shard_orders_ds0_" + ProcessHandle.current().pid(), DS1 = "shard_orders_ds1_" + ProcessHandle.current().pid();
    static DbmeshConfig config;
    static BackendRegistry registry;
    static SessionFactory factory;
    SessionCommandHandler session;

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = TestBackend.direct(null); Statement st = c.createStatement()) {
            for (String db : List.of(DS0, DS1)) {
                st.execute("DROP DATABASE IF EXISTS " + db);
                st.execute("CREATE DATABASE " + db);
            }
        }
        config = new ConfigLoader(new EnvSubstitution(Map.of(
                "DS0_URL", "jdbc:mariadb://" + TestBackend.HOST + "/" + DS0,
                "DS1_URL", "jdbc:mariadb://" + TestBackend.HOST + "/" + DS1)::get))
                .loadFile(Path.of("..", "conf", "examples", "orders.yaml"));
        registry = BackendRegistry.open(config);
        factory = new SessionFactory(config, registry);
        factory.applyShardedSchemas();
        factory.applyShardedSchemas(); // idempotent: a restart must not fail
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
        try (Connection c = TestBackend.direct(null); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DS0);
            st.execute("DROP DATABASE IF EXISTS " + DS1);
        }
    }

    @BeforeEach
    void open() throws Exception {
        session = (SessionCommandHandler) factory.open(new ClientInfo(1, "root", "orders",
                TestBackend.CLIENT_PROTOCOL_41 | TestBackend.CLIENT_MULTI_STATEMENTS, 45, Map.of(),
                new InetSocketAddress("127.0.0.1", 40000), false));
        for (String t : List.of("t_user", "t_order", "t_order_item", "t_region", "t_config")) query("DELETE FROM " + t).ok();
    }

    @AfterEach
    void close() {
        session.close();
    }

    CollectingSink query(String sql) {
        return CollectingSink.query(session, sql);
    }

    static List<String> physical(String db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = TestBackend.direct(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static List<String> column(CollectingSink.Rows rows, int column) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows.rows().size(); r++) out.add(rows.text(r, column));
        return out;
    }

    void loadUsersAndOrders() {
        query("INSERT INTO t_region (region_id, name) VALUES (1, 'north'), (2, 'south')").ok();
        query("INSERT INTO t_user (user_id, name, region_id, balance) VALUES (0, 'ann', 1, 10.00), (1, 'bob', 2, 20.50),"
                + " (2, 'cid', 1, 0), (3, 'dee', 2, 7.25), (4, 'eve', 1, NULL)").ok();
        query("INSERT INTO t_order (order_id, user_id, status, amount) VALUES (10, 0, 'paid', 5.00), (11, 1, 'paid', 7.50),"
                + " (12, 1, 'new', 1.25), (13, 2, 'new', 3.00), (14, 3, 'paid', 10.00), (15, 4, 'void', 2.00)").ok();
    }

    /**
     * State a statement changed where the sidecar cannot track it (here a compound statement, run on
     * the default data source) keeps that backend connection with the session: the backend flags the
     * change (session_track_state_change), so the session never shares it and sees its own state.
     */
    @Test
    void untrackedStateKeepsTheConnectionWithTheSession() {
        assertThat(query("SELECT @@time_zone").rows().text(0, 0)).isNotEqualTo("+05:00");
        assertThat(session.bound()).isFalse();
        query("BEGIN NOT ATOMIC SET @@session.time_zone = '+05:00'; END").ok();
        assertThat(session.bound()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(query("SELECT @@time_zone").rows().text(0, 0)).isEqualTo("+05:00");
        }
    }

    @Test
    void aScatterReadRunsItsShardsAtOnce() throws Exception {
        loadUsersAndOrders(); // users 0..4 over ds_0/ds_1 × t_user_0/t_user_1: every physical table has a row
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = Thread.ofPlatform().start(() -> {
            try (Connection c = TestBackend.direct(null); Statement st = c.createStatement()) {
                while (!done.get()) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE = 'User sleep'"
                            + " AND DB IN ('" + DS0 + "', '" + DS1 + "')")) {
                        rs.next();
                        most.accumulateAndGet(rs.getInt(1), Math::max);
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            CollectingSink.Rows rows = query("SELECT COUNT(*) FROM t_user WHERE SLEEP(0.3) = 0").rows();
            assertThat(rows.text(0, 0)).isEqualTo("5");
        } finally {
            done.set(true);
            watcher.join();
        }
        // one after the other, at most one shard would ever be sleeping
        assertThat(most.get()).as("shards sleeping at the same time").isGreaterThanOrEqualTo(2);
    }

    @Test
    void schemaCreatedEveryPhysicalTable() throws Exception {
        assertThat(physical(DS0, "SHOW TABLES")).containsExactlyInAnyOrder("t_user_0", "t_user_1", "t_order_0", "t_order_1",
                "t_order_item_0", "t_order_item_1", "t_region", "t_config");
        assertThat(physical(DS1, "SHOW TABLES")).containsExactlyInAnyOrder("t_user_0", "t_user_1", "t_order_0", "t_order_1",
                "t_order_item_0", "t_order_item_1", "t_region");
    }

    @Test
    void rowsLandOnTheShardsTheRulesName() throws Exception {
        CollectingSink.Ok ok = query("INSERT INTO t_user (user_id, name) VALUES (0, 'a'), (1, 'b'), (2, 'c'), (3, 'd')").ok();
        assertThat(ok.update().affectedRows()).isEqualTo(4);
        assertThat(physical(DS0, "SELECT user_id FROM t_user_0")).containsExactly("0");
        assertThat(physical(DS1, "SELECT user_id FROM t_user_0")).containsExactly("1");
        assertThat(physical(DS0, "SELECT user_id FROM t_user_1")).containsExactly("2");
        assertThat(physical(DS1, "SELECT user_id FROM t_user_1")).containsExactly("3");
        query("INSERT INTO t_region (region_id, name) VALUES (9, 'x')").ok();
        assertThat(physical(DS0, "SELECT name FROM t_region")).containsExactly("x");
        assertThat(physical(DS1, "SELECT name FROM t_region")).containsExactly("x");
    }

    @Test
    void generatedOrderIdsBecomeLastInsertId() throws Exception {
        CollectingSink.Ok ok = query("INSERT INTO t_order (user_id, status, amount) VALUES (5, 'new', 1.00), (6, 'new', 2.00)").ok();
        long id = ok.update().lastInsertId();
        assertThat(id).isPositive();
        assertThat(ok.update().affectedRows()).isEqualTo(2);
        assertThat(query("SELECT LAST_INSERT_ID()").rows().text(0, 0)).isEqualTo(Long.toString(id));
        assertThat(query("SELECT order_id FROM t_order WHERE user_id = 5").rows().text(0, 0)).isEqualTo(Long.toString(id));
        assertThat(physical(DS1, "SELECT user_id FROM t_order_0")).containsExactly("5");
    }

    @Test
    void scatterReadsMergeLikeOneServer() {
        loadUsersAndOrders();
        assertThat(column(query("SELECT order_id FROM t_order ORDER BY amount DESC, order_id").rows(), 0))
                .containsExactly("14", "11", "10", "13", "15", "12");
        assertThat(column(query("SELECT order_id FROM t_order ORDER BY order_id LIMIT 2, 3").rows(), 0))
                .containsExactly("12", "13", "14");
        CollectingSink.Rows agg = query("SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM t_order").rows();
        assertThat(agg.columns()).hasSize(5);
        assertThat(List.of(agg.text(0, 0), agg.text(0, 1), agg.text(0, 2), agg.text(0, 3), agg.text(0, 4)))
                .containsExactly("6", "28.75", "1.25", "10.00", "4.791667");
        CollectingSink.Rows groups = query("SELECT status, COUNT(*), SUM(amount) FROM t_order GROUP BY status ORDER BY status").rows();
        assertThat(column(groups, 0)).containsExactly("new", "paid", "void");
        assertThat(column(groups, 1)).containsExactly("2", "3", "1");
        assertThat(column(groups, 2)).containsExactly("4.25", "22.50", "2.00");
        assertThat(column(query("SELECT DISTINCT status FROM t_order ORDER BY status").rows(), 0)).containsExactly("new", "paid", "void");
        assertThat(query("SELECT COUNT(DISTINCT status) FROM t_order").rows().text(0, 0)).isEqualTo("3");
        assertThat(query("SELECT COUNT(*) FROM t_order WHERE amount > 100").rows().text(0, 0)).isEqualTo("0");
    }

    @Test
    void joinsOfBoundTablesAndBroadcastTablesStayOnTheShards() {
        loadUsersAndOrders();
        CollectingSink.Rows rows = query("SELECT u.name, r.name, o.amount FROM t_user u JOIN t_order o ON o.user_id = u.user_id"
                + " JOIN t_region r ON r.region_id = u.region_id WHERE o.status = 'paid' ORDER BY o.amount").rows();
        assertThat(column(rows, 0)).containsExactly("ann", "bob", "dee");
        assertThat(column(rows, 1)).containsExactly("north", "south", "south");
    }

    @Test
    void updatesAndDeletesRouteByKeyAndRefuseMovingRows() {
        loadUsersAndOrders();
        assertThat(query("UPDATE t_order SET status = 'done' WHERE user_id = 1").ok().update().affectedRows()).isEqualTo(2);
        assertThat(query("UPDATE t_order SET status = 'old' WHERE amount < 3").ok().update().affectedRows()).isEqualTo(2);
        CollectingSink.Error e = query("UPDATE t_order SET user_id = 9 WHERE order_id = 10").error();
        assertThat(e.code()).isEqualTo(1105);
        assertThat(e.message()).contains("sharding column 'user_id'");
        assertThat(query("DELETE FROM t_order WHERE user_id IN (0, 3)").ok().update().affectedRows()).isEqualTo(2);
        assertThat(query("SELECT COUNT(*) FROM t_order").rows().text(0, 0)).isEqualTo("4");
        assertThat(query("UPDATE t_region SET name = 'N' WHERE region_id = 1").ok().update().affectedRows()).isEqualTo(1);
    }

    @Test
    void metadataShowsLogicalTables() {
        assertThat(column(query("SHOW TABLES").rows(), 0)).containsExactly("t_config", "t_order", "t_order_item", "t_region", "t_user");
        CollectingSink.Rows create = query("SHOW CREATE TABLE t_order").rows();
        assertThat(create.text(0, 0)).isEqualTo("t_order");
        assertThat(create.text(0, 1)).startsWith("CREATE TABLE `t_order` (");
        assertThat(column(query("DESCRIBE t_user").rows(), 0)).containsExactly("user_id", "name", "region_id", "created_at", "balance");
    }

    @Test
    void informationSchemaShowsLogicalTablesAndColumns() {
        CollectingSink.Rows tables = query("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME").rows();
        assertThat(column(tables, 0)).containsOnly("orders");
        assertThat(column(tables, 1)).containsExactly("t_config", "t_order", "t_order_item", "t_region", "t_user");
        CollectingSink.Rows columns = query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'orders'"
                + " AND TABLE_NAME = 't_order' ORDER BY ORDINAL_POSITION").rows();
        assertThat(column(columns, 0)).containsExactly("order_id", "user_id", "status", "amount", "created_at");
        assertThat(query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'orders'").rows().text(0, 0)).isEqualTo("5");
    }

    @Test
    void informationSchemaColumnsAreLabelledAsTheClientSpelledThem() {
        CollectingSink.Rows tables = query("SELECT table_name, t.`Table_Type`, TABLE_SCHEMA AS s FROM information_schema.tables t"
                + " WHERE table_schema = DATABASE() ORDER BY table_name").rows();
        assertThat(tables.columns()).extracting(c -> c.name()).containsExactly("table_name", "Table_Type", "s");
        assertThat(column(tables, 0)).containsExactly("t_config", "t_order", "t_order_item", "t_region", "t_user");
        CollectingSink.Rows columns = query("SELECT column_name, ordinal_position FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = 't_order' ORDER BY ordinal_position").rows();
        assertThat(columns.columns()).extracting(c -> c.name()).containsExactly("column_name", "ordinal_position");
        assertThat(column(columns, 0)).containsExactly("order_id", "user_id", "status", "amount", "created_at");
    }

    @Test
    void explicitNoPadCollationSeparatesTrailingSpacesInTheMerge() {
        // 'Bob' and 'Bob ' on every shard: utf8mb4_bin (what metadata reports) would pad them equal
        query("INSERT INTO t_user (user_id, name) VALUES (10, 'Bob'), (11, 'Bob '), (12, 'Bob'), (13, 'Bob '),"
                + " (14, 'Bob'), (15, 'Bob ')").ok();
        CollectingSink.Rows groups = query("SELECT name COLLATE utf8mb4_nopad_bin AS exact_name, COUNT(*) FROM t_user"
                + " GROUP BY name COLLATE utf8mb4_nopad_bin").rows();
        assertThat(column(groups, 0)).containsExactly("Bob", "Bob ");
        assertThat(column(groups, 1)).containsExactly("3", "3");
        CollectingSink.Rows distinct = query("SELECT DISTINCT name COLLATE utf8mb4_nopad_bin AS exact_name FROM t_user").rows();
        assertThat(column(distinct, 0)).containsExactlyInAnyOrder("Bob", "Bob ");
        CollectingSink.Rows padded = query("SELECT name, COUNT(*) FROM t_user GROUP BY name").rows();
        assertThat(column(padded, 1)).containsExactly("6"); // without COLLATE the table's pad-space collation groups them
    }

    @Test
    void expressionColumnsAreLabelledAsTyped() {
        loadUsersAndOrders();
        CollectingSink.Rows rows = query("SELECT TRIM( name ), user_id FROM t_user WHERE user_id = 1").rows();
        assertThat(rows.columns().get(0).name()).isEqualTo("TRIM( name )");
        CollectingSink.Rows scatter = query("SELECT UPPER( status ) FROM t_order ORDER BY order_id LIMIT 1").rows();
        assertThat(scatter.columns().get(0).name()).isEqualTo("UPPER( status )");
        assertThat(scatter.text(0, 0)).isEqualTo("PAID");
    }

    @Test
    void explainRouteShowsThePhysicalStatements() {
        CollectingSink.Rows rows = query("EXPLAIN ROUTE SELECT * FROM t_order WHERE user_id = 3").rows();
        assertThat(rows.text(0, 0)).isEqualTo("ds_1");
        assertThat(rows.text(0, 1)).isEqualTo("SELECT * FROM `t_order_1` WHERE user_id = 3");
        assertThat(rows.text(0, 3)).startsWith("Route EQUAL t_order");
    }

    @Test
    void unsupportedConstructsAreNamedErrors() {
        loadUsersAndOrders();
        CollectingSink.Error e = query("UPDATE t_order SET status = 'x' ORDER BY order_id LIMIT 1").error();
        assertThat(e.code()).isEqualTo(1235);
        assertThat(e.message()).contains("UPDATE … ORDER BY / LIMIT over several shards");
    }

    @Test
    void joinsTheRouterCannotPushDownAreFederated() {
        loadUsersAndOrders();
        query("INSERT INTO t_config (k, v) VALUES ('paid', 'settled')").ok();
        CollectingSink.Rows rows = query("SELECT o.order_id, c.v FROM t_order o JOIN t_config c ON c.k = o.status ORDER BY o.order_id").rows();
        assertThat(column(rows, 0)).containsExactly("10", "11", "14");
        assertThat(column(rows, 1)).containsOnly("settled");
    }

    @Test
    void transactionsSpanShardsAndRollBackEverywhere() throws Exception {
        query("BEGIN").ok();
        query("INSERT INTO t_user (user_id, name) VALUES (0, 'a'), (1, 'b')").ok();
        assertThat(query("SELECT COUNT(*) FROM t_user").rows().text(0, 0)).isEqualTo("2"); // sees its own writes
        assertThat(physical(DS0, "SELECT COUNT(*) FROM t_user_0")).containsExactly("0"); // others do not
        query("ROLLBACK").ok();
        assertThat(query("SELECT COUNT(*) FROM t_user").rows().text(0, 0)).isEqualTo("0");

        query("START TRANSACTION").ok();
        query("INSERT INTO t_user (user_id, name) VALUES (2, 'c'), (3, 'd')").ok();
        query("COMMIT").ok();
        assertThat(physical(DS0, "SELECT name FROM t_user_1")).containsExactly("c");
        assertThat(physical(DS1, "SELECT name FROM t_user_1")).containsExactly("d");
    }

    @Test
    void preparedStatementsArePlannedOnceAndRoutedPerExecution() throws Exception {
        loadUsersAndOrders();
        CollectingSink prep = new CollectingSink(session);
        session.prepare("SELECT name FROM t_user WHERE user_id = ?", prep);
        assertThat(prep.prepared.parameters()).hasSize(1);
        assertThat(prep.prepared.columns()).extracting(c -> c.name()).containsExactly("name");
        CollectingSink scatterPrep = new CollectingSink(session);
        session.prepare("SELECT order_id, amount FROM t_order WHERE status = ? ORDER BY created_at LIMIT ?", scatterPrep);
        assertThat(scatterPrep.prepared.columns()).extracting(c -> c.name()).containsExactly("order_id", "amount");
        for (long id = 0; id < 4; id++) {
            CollectingSink exec = new CollectingSink(session);
            session.execute(prep.prepared.statementId(), 0, List.of(new BoundParameter(ColumnType.LONGLONG, false, id)), exec);
            assertThat(exec.rows().text(0, 0)).isEqualTo(List.of("ann", "bob", "cid", "dee").get((int) id));
        }
        CollectingSink labelled = new CollectingSink(session);
        session.prepare("SELECT user_id * ?, ? FROM t_user WHERE user_id = ?", labelled);
        CollectingSink run = new CollectingSink(session);
        session.execute(labelled.prepared.statementId(), 0, List.of(new BoundParameter(ColumnType.LONGLONG, false, 10L),
                new BoundParameter(ColumnType.VAR_STRING, false, "tag"), new BoundParameter(ColumnType.LONGLONG, false, 3L)), run);
        assertThat(run.rows().columns()).extracting(c -> c.name()).containsExactly("user_id * ?", "?");
        assertThat(run.rows().text(0, 0)).isEqualTo("30");
        assertThat(run.rows().text(0, 1)).isEqualTo("tag");
        CollectingSink insert = new CollectingSink(session);
        session.prepare("INSERT INTO t_order (user_id, status, amount) VALUES (?, ?, ?)", insert);
        CollectingSink exec = new CollectingSink(session);
        session.execute(insert.prepared.statementId(), 0, List.of(new BoundParameter(ColumnType.LONGLONG, false, 7L),
                new BoundParameter(ColumnType.VAR_STRING, false, "new"), new BoundParameter(ColumnType.NEWDECIMAL, false, "9.99")), exec);
        assertThat(exec.ok().update().lastInsertId()).isPositive();
        assertThat(physical(DS1, "SELECT amount FROM t_order_1")).contains("9.99");
    }
}
