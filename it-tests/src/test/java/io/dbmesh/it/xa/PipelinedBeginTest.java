package io.dbmesh.it.xa;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.RawMySqlClient;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.it.replication.ReplicationCluster;
import io.dbmesh.proxy.backend.DataSourcePool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A transaction's BEGIN goes to a data source in the same round trip as the first statement there
 * when that statement changes no data (a plain SELECT): {@code BEGIN; SELECT …; COMMIT} costs the
 * data source two round trips, not three — counted by the sidecar's backend sockets
 * ({@code Sidecar#backendRoundTrips}: a read after a write is one round trip) — in a sharded
 * database in local transaction mode (lazy BEGIN) and in a passthrough one (its BEGIN waits for
 * the next statement), for text statements and for the binary protocol (COM_STMT_EXECUTE). The
 * BEGIN takes effect (the SELECT reads the transaction's snapshot), and when it or the SELECT fails
 * the client gets that statement's MySQL error, the session stays usable and the pools get their
 * connections back.
 *
 * <p>A private {@code mariadbd}: the BEGIN that fails is {@code START TRANSACTION READ WRITE} under
 * {@code read_only = 1} for a backend user without READ ONLY ADMIN, which needs a global switch.
 */
class PipelinedBeginTest {
    static final String DB0 = "pipebegin_bank0";
    static final String DB1 = "pipebegin_bank1";
    static final String PLAIN = "pipebegin_plain";
    static MariaDbServers.Started server;
    static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        assumeTrue(ReplicationCluster.available(), "needs mariadbd to start a server of its own");
        server = MariaDbServers.startInstance("pipebegin", List.of());
        MariaDbInstance s = server.instance();
        for (String db : List.of(DB0, DB1, PLAIN)) s.recreateDatabase(db);
        s.execute("CREATE USER IF NOT EXISTS 'teller'@'%' IDENTIFIED BY 'teller'",
                "GRANT ALL ON " + DB0 + ".* TO 'teller'@'%'", "GRANT ALL ON " + DB1 + ".* TO 'teller'@'%'",
                "GRANT ALL ON " + PLAIN + ".* TO 'teller'@'%'",
                "CREATE TABLE " + PLAIN + ".account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
        // min_idle 0: no connection opens in the background while round trips are counted
        sidecar = SidecarFixture.fromYaml("""
                listener: {host: 127.0.0.1, port: 0}
                users: [{name: root, password: "", admin: true}]
                data_sources:
                  ds_0: {url: "%s", user: teller, password: teller, pool: {max_size: 8, min_idle: 0}}
                  ds_1: {url: "%s", user: teller, password: teller, pool: {max_size: 8, min_idle: 0}}
                  ds_p: {url: "%s", user: teller, password: teller, pool: {max_size: 8, min_idle: 0}}
                databases:
                  plain: {data_source: ds_p}
                  bank:
                    sharding:
                      default_data_source: ds_0
                      tables:
                        account: {key: id, nodes: "ds_[0..1].account", algorithm: mod}
                      schema:
                        - CREATE TABLE IF NOT EXISTS account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)
                    transactions: {mode: local}
                """.formatted(s.jdbcUrl(DB0), s.jdbcUrl(DB1), s.jdbcUrl(PLAIN)), Map.of());
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (server != null) server.close();
    }

    @BeforeEach
    void accounts() throws SQLException {
        server.instance().execute("SET GLOBAL read_only = 0");
        for (String db : List.of("bank", "plain")) {
            try (Connection c = sidecar.connect(db); Statement s = c.createStatement()) {
                s.execute("DELETE FROM account");
                s.execute("INSERT INTO account (id, balance) VALUES (1, 100), (2, 100), (3, 100), (4, 100)"); // even: ds_0
            }
        }
    }

    @AfterEach
    void nothingLeaks() {
        server.instance().execute("SET GLOBAL read_only = 0");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (DataSourcePool p : sidecar.sidecar().pools()) {
                assertThat(p.activeConnections()).as("connections of %s still borrowed", p.name()).isZero();
            }
        });
    }

    @Test
    void aShardJoinsWithItsBeginInTheSelectsRoundTrip() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            assertThat(balance(s, 2)).isEqualTo(100); // warm: the pool's connection is open and recently used
            long[] before = roundTrips("ds_0", "ds_1");
            s.execute("BEGIN");
            assertThat(balance(s, 2)).isEqualTo(100); // ds_0 joins: BEGIN and SELECT in one round trip
            s.execute("COMMIT");
            assertThat(delta(before, "ds_0", "ds_1")).as("round trips of ds_0, ds_1").containsExactly(2, 0);
        }
    }

    @Test
    void aPassthroughBeginWaitsForTheNextStatementAndTravelsWithIt() throws Exception {
        try (Connection c = sidecar.connect("plain"); Statement s = c.createStatement()) {
            assertThat(balance(s, 2)).isEqualTo(100);
            long before = roundTrips("ds_p")[0];
            s.execute("START TRANSACTION READ ONLY");
            assertThat(balance(s, 2)).isEqualTo(100);
            s.execute("COMMIT");
            assertThat(roundTrips("ds_p")[0] - before).as("round trips of ds_p").isEqualTo(2);
        }
        try (RawMySqlClient raw = RawMySqlClient.login(sidecar.port(), "root", "", "plain")) {
            int inTrans = 0x0001, readOnly = 0x2000; // the client is told at once, before any backend has it
            assertThat(status(raw.query("START TRANSACTION READ ONLY")) & (inTrans | readOnly)).isEqualTo(inTrans | readOnly);
            assertThat(status(raw.query("COMMIT")) & (inTrans | readOnly)).isZero();
        }
    }

    @Test
    void aPreparedSelectCarriesThePassthroughBeginToo() throws Exception {
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("plain") + "?useServerPrepStmts=true", "root", "");
             Statement s = c.createStatement();
             PreparedStatement ps = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            ps.setLong(1, 2);
            assertThat(value(ps)).isEqualTo(100); // warm: the backend connection keeps the statement prepared
            long before = roundTrips("ds_p")[0];
            s.execute("BEGIN");
            assertThat(value(ps)).isEqualTo(100); // COM_STMT_EXECUTE after BEGIN, one round trip
            s.execute("COMMIT");
            assertThat(roundTrips("ds_p")[0] - before).as("round trips of ds_p").isEqualTo(2);
        }
    }

    @Test
    void aPreparedSelectCarriesTheShardsBeginToo() throws Exception {
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("bank") + "?useServerPrepStmts=true", "root", "");
             Statement s = c.createStatement();
             PreparedStatement ps = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            ps.setLong(1, 2);
            assertThat(value(ps)).isEqualTo(100); // warm: ds_0's connection keeps the shard statement prepared
            long[] before = roundTrips("ds_0", "ds_1");
            s.execute("BEGIN");
            assertThat(value(ps)).isEqualTo(100); // binary on the shard: BEGIN and COM_STMT_EXECUTE in one round trip
            s.execute("COMMIT");
            assertThat(delta(before, "ds_0", "ds_1")).as("round trips of ds_0, ds_1").containsExactly(2, 0);
        }
    }

    @Test
    void theTransactionOpensBeforeTheSelectReads() throws Exception {
        for (String db : List.of("bank", "plain")) {
            try (Connection c = sidecar.connect(db); Statement s = c.createStatement()) {
                s.execute("BEGIN");
                assertThat(balance(s, 2)).isEqualTo(100);
                try (Connection other = sidecar.connect(db); Statement o = other.createStatement()) {
                    o.execute("UPDATE account SET balance = 7 WHERE id = 2");
                }
                assertThat(balance(s, 2)).as("%s: the first SELECT's snapshot still holds", db).isEqualTo(100);
                assertThat(longValue(s, "SELECT @@in_transaction")).isEqualTo(1);
                s.execute("COMMIT");
                assertThat(balance(s, 2)).isEqualTo(7);
                assertThat(longValue(s, "SELECT @@in_transaction")).isZero();
            }
        }
    }

    @Test
    void aFailingSelectLeavesTheTransactionOpen() throws Exception {
        for (String db : List.of("bank", "plain")) {
            try (Connection c = sidecar.connect(db); Statement s = c.createStatement()) {
                s.execute("BEGIN");
                assertThatThrownBy(() -> s.executeQuery("SELECT no_such_column FROM account WHERE id = 2"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1054))
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S22"));
                s.execute("UPDATE account SET balance = 0 WHERE id = 2"); // in the transaction BEGIN opened
                s.execute("ROLLBACK");
                assertThat(balance(s, 2)).as("%s: rolled back", db).isEqualTo(100);
                s.execute("BEGIN");
                s.execute("UPDATE account SET balance = 1 WHERE id = 2");
                s.execute("COMMIT");
                assertThat(balance(s, 2)).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailingBeginIsTheClientsErrorAndTheNextTransactionWorks() throws Exception {
        for (String db : List.of("bank", "plain")) {
            try (Connection c = sidecar.connect(db); Statement s = c.createStatement()) {
                server.instance().execute("SET GLOBAL read_only = 1"); // READ WRITE is refused to a user without READ ONLY ADMIN
                s.execute("START TRANSACTION READ WRITE");
                assertThatThrownBy(() -> s.executeQuery("SELECT balance FROM account WHERE id = 2"))
                        .as("%s: BEGIN's error, not the SELECT's rows", db)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1290));
                s.execute("ROLLBACK");
                server.instance().execute("SET GLOBAL read_only = 0");
                s.execute("START TRANSACTION READ WRITE");
                assertThat(balance(s, 2)).isEqualTo(100);
                s.execute("UPDATE account SET balance = 5 WHERE id = 2");
                assertThat(longValue(s, "SELECT @@in_transaction")).isEqualTo(1);
                s.execute("COMMIT");
                assertThat(balance(s, 2)).as("%s: the second transaction committed", db).isEqualTo(5);
            }
        }
    }

    @Test
    void aBigResultStreamsAfterThePipelinedBegin() throws Exception {
        try (Connection c = sidecar.connect("plain"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO account (id, balance) SELECT seq + 10, seq FROM seq_1_to_50000");
            s.execute("BEGIN");
            long rows = 0;
            long sum = 0;
            try (ResultSet rs = s.executeQuery("SELECT id, balance FROM account")) {
                while (rs.next()) {
                    rows++;
                    sum += rs.getLong(2);
                }
            }
            assertThat(rows).isEqualTo(50_004);
            assertThat(sum).isEqualTo(400 + 50_000L * 50_001 / 2);
            s.execute("COMMIT");
        }
    }

    /** The status flags of an OK packet (affected rows and insert id below 251: one byte each). */
    private static int status(byte[] ok) {
        assertThat(RawMySqlClient.isOk(ok)).as(RawMySqlClient.describe(ok)).isTrue();
        return (ok[3] & 0xff) | (ok[4] & 0xff) << 8;
    }

    private static long[] roundTrips(String... dataSources) {
        Map<String, Long> all = sidecar.sidecar().backendRoundTrips();
        long[] out = new long[dataSources.length];
        for (int i = 0; i < out.length; i++) out[i] = all.getOrDefault(dataSources[i], 0L);
        return out;
    }

    private static long[] delta(long[] before, String... dataSources) {
        long[] now = roundTrips(dataSources);
        for (int i = 0; i < now.length; i++) now[i] -= before[i];
        return now;
    }

    private static long balance(Statement s, long id) throws SQLException {
        return longValue(s, "SELECT balance FROM account WHERE id = " + id);
    }

    private static long longValue(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long value(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
