package io.dbmesh.proxy.testing;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.server.ProxyServer;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.UpdateResult;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Measures what the wire alone costs per query: a ProxyServer whose handler answers every
 * statement with one fixed row (like sysbench point-select's), no backend. Run it and point
 * sysbench oltp_point_select (run phase only) at the printed port; compare process CPU per query.
 *
 * <pre>java -cp ... io.dbmesh.proxy.testing.WireOnlyBench [port]</pre>
 */
public final class WireOnlyBench {
    private static final List<Column> COLUMNS = List.of(Columns.of("c", ColumnType.STRING));
    private static final byte[][] ROW = {"83868641912-28773972837-60736120486-75162659906-27563526494-20381887404-41576422241-93426793964-56405065102-33518432330"
            .getBytes(StandardCharsets.US_ASCII)};

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        var base = TestConfigs.config(TestConfigs.NO_TLS, TestConfigs.user("root", "", "mysql_native_password"));
        var config = new io.dbmesh.proxy.config.DbmeshConfig(new io.dbmesh.proxy.config.ListenerConfig("127.0.0.1", port, 1024,
                16 << 20, "10.11.0-dbmesh"), base.tls(), base.users(), base.dataSources(), base.databases());
        ProxyServer server = new ProxyServer(config, client -> new FixedRowHandler());
        System.out.println("wire-only bench listening on " + server.start());
        Thread.currentThread().join();
    }

    static final class FixedRowHandler implements CommandHandler {
        private int nextId = 1;

        private static ListCursor row() {
            return new ListCursor(COLUMNS, List.<byte[][]>of(ROW));
        }

        @Override
        public void query(String sql, ResultSink sink) {
            try {
                if (sql.regionMatches(true, 0, "SELECT", 0, 6)) sink.rows(row(), false);
                else sink.ok(UpdateResult.EMPTY, false);
            } catch (java.sql.SQLException e) {
                sink.error(1105, "HY000", e.getMessage());
            }
        }

        @Override
        public void initDb(String schema, ResultSink sink) {
            sink.ok(UpdateResult.EMPTY, false);
        }

        @Override
        public void fieldList(String table, String wildcard, ResultSink sink) {
            sink.ok(UpdateResult.EMPTY, false);
        }

        @Override
        public void prepare(String sql, PrepareSink sink) {
            int params = (int) sql.chars().filter(c -> c == '?').count();
            sink.prepared(nextId++, java.util.Collections.nCopies(params, Columns.of("?", ColumnType.VAR_STRING)), COLUMNS, 0);
        }

        @Override
        public void execute(int statementId, int cursorFlags, List<BoundParameter> parameters, ResultSink sink) {
            try {
                sink.rows(row(), false);
            } catch (java.sql.SQLException e) {
                sink.error(1105, "HY000", e.getMessage());
            }
        }

        @Override
        public void sendLongData(int statementId, int parameterIndex, byte[] data) {
        }

        @Override
        public void resetStatement(int statementId, ResultSink sink) {
            sink.ok(UpdateResult.EMPTY, false);
        }

        @Override
        public void closeStatement(int statementId) {
        }

        @Override
        public void setOption(int option, ResultSink sink) {
            sink.ok(UpdateResult.EMPTY, false);
        }

        @Override
        public void resetConnection(ResultSink sink) {
            sink.ok(UpdateResult.EMPTY, false);
        }

        @Override
        public int serverStatus() {
            return 2;
        }

        @Override
        public String statistics() {
            return "wire-only bench";
        }

        @Override
        public void close() {
        }
    }
}
