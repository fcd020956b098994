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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statements tools send that a sharded database answers by fanning out over physical tables
 * itself (issue 8 item 7), on the orders example over the real MariaDB: LOCK/UNLOCK TABLES,
 * INSERT without a column list, CHECKSUM/ANALYZE/OPTIMIZE TABLE, COM_FIELD_LIST, KILL QUERY, and
 * the foreign-key DDL that cannot be applied to every physical table.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class ShardedToolStatementsTest {
    static final String DS0 = "tools_orders_ds0_" + ProcessHandle.current().pid(), DS1 = "tools_orders_ds1_" + ProcessHandle.current().pid();
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
        DbmeshConfig config = new ConfigLoader(new EnvSubstitution(Map.of(
                "DS0_URL", "jdbc:mariadb://" + TestBackend.HOST + "/" + DS0,
                "DS1_URL", "jdbc:mariadb://" + TestBackend.HOST + "/" + DS1)::get))
                .loadFile(Path.of("..", "conf", "examples", "orders.yaml"));
        registry = BackendRegistry.open(config);
        factory = new SessionFactory(config, registry);
        factory.applyShardedSchemas();
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
    void open() {
        session = open(1);
        for (String t : List.of("t_user", "t_order", "t_region", "t_config")) query("DELETE FROM " + t).ok();
    }

    SessionCommandHandler open(long id) {
        try {
            return (SessionCommandHandler) factory.open(new ClientInfo(id, "root", "orders",
                TestBackend.CLIENT_PROTOCOL_41 | TestBackend.CLIENT_MULTI_STATEMENTS, 45, Map.of(),
                new InetSocketAddress("127.0.0.1", 40000), false));
        } catch (io.dbmesh.core.error.MySqlException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        session.close();
    }

    CollectingSink query(String sql) {
        return CollectingSink.query(session, sql);
    }

    static List<String> direct(String db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestBackend.direct(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** The four physical tables of t_user (user_id % 2 → data source, user_id / 2 % 2 → table). */
    static List<String> physicalUsers() {
        return List.of(DS0 + ".t_user_0", DS0 + ".t_user_1", DS1 + ".t_user_0", DS1 + ".t_user_1");
    }

    @Test
    void insertWithoutAColumnListUsesTheTablesColumnOrder() throws Exception {
        query("INSERT INTO t_user VALUES (0, 'ann', 1, '2024-01-02 03:04:05', 1.50), (1, 'bob', 2, NULL, NULL),"
                + " (2, 'o''neil', NULL, NULL, 0), (3, NULL, 4, NULL, -2)").ok();
        query("INSERT INTO `orders`.`t_user` VALUE (5, 'eve', 5, NULL, 5)").ok();
        query("REPLACE INTO t_user VALUES (1, 'bobby', 2, NULL, 9.99)").ok();
        assertThat(direct(DS0, "SELECT CONCAT_WS('|', user_id, name, region_id, created_at, balance) FROM t_user_0"))
                .containsExactly("0|ann|1|2024-01-02 03:04:05|1.50");
        assertThat(direct(DS0, "SELECT CONCAT_WS('|', user_id, name, balance) FROM t_user_1")).containsExactly("2|o'neil|0.00");
        assertThat(direct(DS1, "SELECT CONCAT_WS('|', user_id, name, balance) FROM t_user_0 ORDER BY user_id"))
                .containsExactly("1|bobby|9.99", "5|eve|5.00");
        assertThat(direct(DS1, "SELECT CONCAT_WS('|', user_id, region_id, balance) FROM t_user_1")).containsExactly("3|4|-2.00");
        assertThat(query("INSERT INTO t_user VALUES (7, 'too few')").error().code()).isEqualTo(1136);
        // prepared (COM_STMT_PREPARE / EXECUTE), as Connector/J with useServerPrepStmts sends it
        CollectingSink prepared = new CollectingSink(session);
        session.prepare("INSERT INTO t_user VALUES (?, ?, NULL, NULL, ?)", prepared);
        int id = prepared.prepared.statementId();
        CollectingSink executed = new CollectingSink(session);
        session.execute(id, 0, List.of(new BoundParameter(ColumnType.LONGLONG, false, 9L), new BoundParameter(ColumnType.VAR_STRING, false, "ivy"),
                new BoundParameter(ColumnType.VAR_STRING, false, "1.25")), executed);
        executed.ok();
        assertThat(direct(DS1, "SELECT CONCAT_WS('|', user_id, name, balance) FROM t_user_0 ORDER BY user_id"))
                .containsExactly("1|bobby|9.99", "5|eve|5.00", "9|ivy|1.25");
    }

    @Test
    void checksumTableIsTheChecksumOfOneTableHoldingEveryRow() throws Exception {
        query("INSERT INTO t_user (user_id, name, region_id, balance) VALUES (0, 'a', 1, 1), (1, 'b', NULL, 2), (2, NULL, 3, NULL),"
                + " (3, 'd', 4, 4.25), (10, 'k', 5, 5)").ok();
        query("INSERT INTO t_region (region_id, name) VALUES (1, 'north'), (2, 'south')").ok();
        String all = DS0 + ".compat_all_users";
        try (Connection c = TestBackend.direct(DS0); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE compat_all_users LIKE t_user_0");
            for (String t : physicalUsers()) st.execute("INSERT INTO compat_all_users SELECT * FROM " + t);
        }
        try {
            String expected = checksum(all);
            CollectingSink.Rows rows = query("CHECKSUM TABLE t_user, t_region, `t_config` EXTENDED").rows();
            assertThat(rows.columns()).extracting(col -> col.name()).containsExactly("Table", "Checksum");
            assertThat(rows.text(0, 0)).isEqualTo("orders.t_user");
            assertThat(rows.text(0, 1)).isEqualTo(expected).isNotEqualTo("0");
            assertThat(rows.text(1, 0)).isEqualTo("orders.t_region");
            assertThat(rows.text(1, 1)).isEqualTo(checksum(DS1 + ".t_region")); // one copy of a broadcast table
            assertThat(rows.text(2, 1)).isEqualTo("0");
            assertThat(rows.rows()).hasSize(3);
        } finally {
            try (Connection c = TestBackend.direct(DS0); Statement st = c.createStatement()) {
                st.execute("DROP TABLE compat_all_users");
            }
        }
    }

    private static String checksum(String table) throws SQLException {
        try (Connection c = TestBackend.direct(null); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("CHECKSUM TABLE " + table)) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Test
    void analyzeAndOptimizeRunOnEveryPhysicalTableWithOneRowPerLogicalTable() {
        query("INSERT INTO t_user (user_id, name) VALUES (0, 'a'), (1, 'b'), (2, 'c'), (3, 'd')").ok();
        for (String verb : List.of("ANALYZE", "OPTIMIZE", "CHECK", "ANALYZE NO_WRITE_TO_BINLOG")) {
            CollectingSink.Rows rows = query(verb + " TABLE t_user, t_region").rows();
            assertThat(rows.columns()).extracting(col -> col.name()).containsExactly("Table", "Op", "Msg_type", "Msg_text");
            assertThat(rows.rows()).as(verb).hasSize(2);
            assertThat(rows.text(0, 0)).isEqualTo("orders.t_user");
            assertThat(rows.text(1, 0)).isEqualTo("orders.t_region");
            assertThat(rows.text(0, 2) + " " + rows.text(0, 3)).as(verb).isEqualTo("status OK");
        }
        CollectingSink.Rows missing = query("ANALYZE TABLE t_user, no_such_table_x").rows();
        assertThat(missing.text(1, 2)).isEqualTo("Error");
        assertThat(missing.text(1, 3)).contains("no_such_table_x");
    }

    @Test
    void lockTablesLocksEveryPhysicalTableUntilUnlock() throws Exception {
        query("LOCK TABLES t_user WRITE, t_region READ /*!32311 LOCAL */").ok();
        query("INSERT INTO t_user (user_id, name) VALUES (0, 'a'), (1, 'b'), (2, 'c'), (3, 'd')").ok();
        assertThat(query("SELECT COUNT(*) FROM t_user").rows().text(0, 0)).isEqualTo("4");
        for (String table : physicalUsers()) {
            assertThat(blocked("SELECT COUNT(*) FROM " + table)).as(table + " is write-locked by the session").isTrue();
        }
        assertThat(blocked("INSERT INTO " + DS1 + ".t_region (region_id, name) VALUES (9, 'x')")).isTrue();
        // under LOCK TABLES only the locked tables may be used, as on MariaDB
        assertThat(query("SELECT COUNT(*) FROM t_order").error().code()).isEqualTo(1100);
        query("UNLOCK TABLES").ok();
        for (String table : physicalUsers()) assertThat(blocked("SELECT COUNT(*) FROM " + table)).isFalse();
        assertThat(query("SELECT COUNT(*) FROM t_order").rows().text(0, 0)).isEqualTo("0");
    }

    @Test
    void aLaterLockTablesReleasesTheEarlierLocksAndTheSessionEndReleasesAll() throws Exception {
        query("LOCK TABLES t_user WRITE").ok();
        query("LOCK TABLES t_config WRITE").ok(); // t_config lives on ds_0 only
        for (String table : physicalUsers()) assertThat(blocked("SELECT COUNT(*) FROM " + table)).isFalse();
        assertThat(blocked("SELECT COUNT(*) FROM " + DS0 + ".t_config")).isTrue();
        session.close();
        assertThat(blocked("SELECT COUNT(*) FROM " + DS0 + ".t_config")).isFalse();
        session = open(1);
    }

    @Test
    void lockTablesRefusesWhatItCannotMapBeforeLockingAnything() throws Exception {
        CollectingSink.Error alias = query("LOCK TABLES t_region READ, t_user AS u READ").error();
        assertThat(alias.code()).isEqualTo(1235);
        assertThat(alias.message()).contains("LOCK TABLES with an alias of sharded table t_user");
        assertThat(blocked("INSERT INTO " + DS0 + ".t_region (region_id, name) VALUES (8, 'y')")).isFalse();
        assertThat(query("LOCK TABLES other_db.t_user READ").error().message()).contains("another database");
    }

    /** Whether a statement on a direct connection waits for a lock (1 s lock wait timeout). */
    private static boolean blocked(String sql) throws SQLException {
        try (Connection c = TestBackend.direct(null); Statement st = c.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = 1, innodb_lock_wait_timeout = 1");
            st.execute(sql);
            return false;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1205) return true;
            throw e;
        }
    }

    @Test
    void fieldListDescribesTheLogicalTable() {
        CollectingSink sink = new CollectingSink(session);
        session.fieldList("t_user", "", sink);
        CollectingSink.Rows rows = sink.rows();
        assertThat(rows.rows()).isEmpty();
        assertThat(rows.columns()).extracting(c -> c.name()).containsExactly("user_id", "name", "region_id", "created_at", "balance");
        assertThat(rows.columns()).extracting(c -> c.table()).containsOnly("t_user");
        CollectingSink filtered = new CollectingSink(session);
        session.fieldList("t_order", "st%", filtered);
        assertThat(filtered.rows().columns()).extracting(c -> c.name()).containsExactly("status");
        CollectingSink config = new CollectingSink(session);
        session.fieldList("t_config", "", config);
        assertThat(config.rows().columns()).extracting(c -> c.name()).containsExactly("k", "v");
    }

    @Test
    void killQueryStopsTheStatementOnEveryShard() throws Exception {
        query("INSERT INTO t_user (user_id, name) VALUES (0, 'a'), (1, 'b'), (2, 'c'), (3, 'd')").ok();
        long start = System.nanoTime();
        CompletableFuture<CollectingSink> running = CompletableFuture.supplyAsync(() -> query("SELECT SLEEP(60) FROM t_user"));
        await(() -> sleepingOnBackends() == 4, "the four shards' SLEEP to run");
        SessionCommandHandler killer = open(2);
        try {
            CollectingSink.query(killer, "KILL QUERY 1").ok();
        } finally {
            killer.close();
        }
        CollectingSink result = running.get(30, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(result.error().code()).isEqualTo(1317);
        await(() -> sleepingOnBackends() == 0, "no SLEEP left on the backends");
        assertThat(query("SELECT COUNT(*) FROM t_user").rows().text(0, 0)).isEqualTo("4"); // the session goes on
    }

    private static int sleepingOnBackends() {
        try {
            return direct(null, "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(60) FROM `t_user_%'"
                    + " AND DB IN ('" + DS0 + "', '" + DS1 + "')").size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(30)).until(condition);
    }

    @Test
    void namedForeignKeysBetweenBoundTablesAreRefusedBeforeAnyPhysicalTableChanges() throws Exception {
        CollectingSink.Error refused = query("ALTER TABLE t_order ADD CONSTRAINT fk_order_user FOREIGN KEY (user_id) REFERENCES t_user (user_id)").error();
        assertThat(refused.code()).isEqualTo(1235);
        assertThat(refused.message()).contains("named FOREIGN KEY (fk_order_user) on sharded table t_order");
        assertThat(query("ALTER TABLE t_order ADD FOREIGN KEY fk2 (user_id) REFERENCES t_user (user_id)").error().code()).isEqualTo(1235);
        assertThat(direct(null, "SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN ('"
                + DS0 + "', '" + DS1 + "')")).isEmpty();
        // without a name each physical table gets its own constraint, to its bound table on the same node
        query("ALTER TABLE t_order ADD FOREIGN KEY (user_id) REFERENCES t_user (user_id)").ok();
        try {
            assertThat(direct(null, "SELECT CONCAT(CONSTRAINT_SCHEMA, '.', TABLE_NAME, '->', REFERENCED_TABLE_NAME)"
                    + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN ('" + DS0 + "', '" + DS1 + "')"
                    + " ORDER BY 1")).containsExactly(DS0 + ".t_order_0->t_user_0", DS0 + ".t_order_1->t_user_1",
                    DS1 + ".t_order_0->t_user_0", DS1 + ".t_order_1->t_user_1");
            query("INSERT INTO t_user (user_id, name) VALUES (5, 'e')").ok();
            query("INSERT INTO t_order (order_id, user_id) VALUES (1, 5)").ok();
            assertThat(query("INSERT INTO t_order (order_id, user_id) VALUES (2, 7)").error().code()).isEqualTo(1452);
        } finally {
            for (String ds : List.of(DS0, DS1)) {
                try (Connection c = TestBackend.direct(ds); Statement st = c.createStatement()) {
                    st.execute("DELETE FROM t_order_0");
                    st.execute("DELETE FROM t_order_1");
                    for (String fk : direct(ds, "SELECT CONCAT(TABLE_NAME, ' DROP FOREIGN KEY ', CONSTRAINT_NAME)"
                            + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
                        st.execute("ALTER TABLE " + fk);
                    }
                }
            }
        }
    }

    @Test
    void aStatementInsideAVersionedCommentIsPlannedAsItsContent() throws Exception {
        query("/*!40000 ALTER TABLE `t_user` DISABLE KEYS */").ok();
        query("/*!40000 ALTER TABLE `t_user` ENABLE KEYS */;").ok();
        assertThatThrownBy(() -> { throw new IllegalStateException(query("/*!40000 ALTER TABLE t_user RENAME TO x */").error().message()); })
                .hasMessageContaining("renaming sharded table t_user");
    }
}
