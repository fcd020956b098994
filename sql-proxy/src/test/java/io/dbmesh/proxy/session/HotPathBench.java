package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * Not a test: measures the handler's cost per point select against direct Connector/J, in process.
 * Run with -Ddbmesh.bench=true -Dtest=HotPathBench.
 */
@EnabledIfSystemProperty(named = "dbmesh.bench", matches = "true")
class HotPathBench {

    static final ResultSink DISCARD = new ResultSink() {
        @Override
        public void ok(UpdateResult result, boolean more) {
        }

        @Override
        public void rows(RowCursor cursor, boolean more) throws java.sql.SQLException {
            try (cursor) {
                cursor.columns();
                while (cursor.next()) {
                    cursor.value(0);
                }
            }
        }

        @Override
        public void error(int errorCode, String sqlState, String message) {
            throw new AssertionError(message);
        }
    };

    @Test
    void pointSelect() throws Exception {
        String db = System.getProperty("dbmesh.bench.db", "bench_sysbench");
        int n = Integer.getInteger("dbmesh.bench.n", 50_000);
        var threads = ManagementFactory.getThreadMXBean();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + db, "root", "")) {
            PreparedStatement ps = c.prepareStatement("SELECT c FROM sbtest1 WHERE id=?");
            for (int round = 0; round < 3; round++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ps.setInt(1, 1 + i % 1000);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        rs.getBytes(1);
                    }
                }
                long t1 = System.nanoTime();
                System.out.printf("direct:  %.1f us/q wall, %.1f us/q cpu%n", (t1 - t0) / 1e3 / n,
                        (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n);
            }
        }
        var dbs = new java.util.LinkedHashMap<String, io.dbmesh.proxy.config.LogicalDatabaseConfig>();
        try (TestBackend backend = new TestBackend(4)) {
            var config = new io.dbmesh.proxy.config.DbmeshConfig(backend.config.listener(), backend.config.tls(),
                    backend.config.users(), java.util.Map.of("ds0", new io.dbmesh.proxy.config.DataSourceConfig("ds0",
                    "jdbc:mariadb://127.0.0.1:3306/" + db, "root", "", backend.config.dataSources().get("ds0").pool())),
                    java.util.Map.of(db, new io.dbmesh.proxy.config.LogicalDatabaseConfig(db, "ds0")));
            try (var registry = io.dbmesh.proxy.backend.BackendRegistry.open(config)) {
                var factory = new SessionFactory(config, registry);
                SessionCommandHandler h = (SessionCommandHandler) factory.open(new io.dbmesh.proxy.command.ClientInfo(1, "root", db,
                        TestBackend.CLIENT_PROTOCOL_41, 45, java.util.Map.of(), null, false));
                CollectingSink prep = new CollectingSink(h);
                h.prepare("SELECT c FROM sbtest1 WHERE id=?", prep);
                int id = prep.prepared.statementId();
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                for (int round = 0; round < 3; round++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long p0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        h.execute(id, 0, List.of(new BoundParameter(ColumnType.LONG, false, (long) (1 + i % 1000))), DISCARD);
                    }
                    long t1 = System.nanoTime();
                    System.out.printf("handler (platform thread): %.1f us/q wall, %.1f us/q thread cpu, %.1f us/q process cpu%n", (t1 - t0) / 1e3 / n,
                            (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n, (os.getProcessCpuTime() - p0) / 1e3 / n);
                }
                for (int round = 0; round < 3; round++) {
                    long p0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    Thread vt = Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < n; i++) {
                            h.execute(id, 0, List.of(new BoundParameter(ColumnType.LONG, false, (long) (1 + i % 1000))), DISCARD);
                        }
                    });
                    vt.join();
                    long t1 = System.nanoTime();
                    System.out.printf("handler (virtual thread):  %.1f us/q wall, %.1f us/q process cpu%n", (t1 - t0) / 1e3 / n,
                            (os.getProcessCpuTime() - p0) / 1e3 / n);
                }
                h.close();
            }
        }
    }
}
