package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The schema field of result-column definitions in logical names: a column read from a table
 * names the schema the table lives in, which behind dbmesh is the physical schema of a data
 * source (another name than the logical database, and for a sharded database one per shard).
 * Clients read it ({@code ResultSetMetaData.getCatalogName}, ORMs checking where a column comes
 * from), so every result and prepare answer of a session is told in logical names. Sessions of a
 * sidecar whose logical names all equal their physical ones get their sinks back unwrapped.
 */
final class LogicalSchemas {
    /** physical → logical, for physical schemas whose logical name differs (first database in config order wins). */
    private final Map<String, String> logicalOf;
    private final LogicalDatabases databases;
    /** The database in use, whose name wins for the schemas it shares with others. */
    private final Supplier<LogicalDatabase> serving;

    LogicalSchemas(LogicalDatabases databases, Supplier<LogicalDatabase> serving) {
        this.databases = databases;
        this.serving = serving;
        Map<String, String> m = new LinkedHashMap<>();
        for (String logical : databases.names()) {
            for (String physical : databases.physicalSchemas(logical)) {
                if (!physical.equals(logical)) m.putIfAbsent(physical, logical);
            }
        }
        this.logicalOf = Map.copyOf(m);
        boolean sharded = false;
        for (String logical : databases.names()) sharded |= databases.find(logical) instanceof ShardedDatabase;
        this.anySharded = sharded;
    }

    /** Some database is sharded: its physical table names (t_order_0) are mapped in messages even where schemas are not. */
    private final boolean anySharded;
    /** Result columns already told in logical names. */
    private final RelabelledColumns relabelled = new RelabelledColumns();

    ResultSink results(ResultSink sink) {
        return logicalOf.isEmpty() && !anySharded ? sink : new Results(sink);
    }

    /**
     * The text of a backend's error or warning in logical names ({@link MessageNames}): physical
     * schemas, and the physical tables of the sharded database in use.
     */
    String message(String text) {
        if (logicalOf.isEmpty() && !anySharded) return text;
        LogicalDatabase db = serving.get();
        return MessageNames.logical(text, this::logicalOf,
                db instanceof ShardedDatabase sharded ? MessageNames.tables(sharded) : Map.of());
    }

    PrepareSink prepares(PrepareSink sink) {
        if (logicalOf.isEmpty() && !anySharded) return sink;
        return new PrepareSink() {
            @Override
            public void prepared(int statementId, List<Column> parameters, List<Column> columns, int warnings) {
                sink.prepared(statementId, parameters, logical(columns), warnings);
            }

            @Override
            public void error(int errorCode, String sqlState, String message) {
                sink.error(errorCode, sqlState, message(message));
            }
        };
    }

    /** {@code columns} with physical schema names replaced (the same list when none is physical). */
    List<Column> logical(List<Column> columns) {
        List<Column> out = null;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String logical = logicalOf(c.schema());
            if (logical == null) continue;
            if (out == null) out = new ArrayList<>(columns);
            out.set(i, c.withSchema(logical));
        }
        return out == null ? columns : List.copyOf(out);
    }

    private String logicalOf(String schema) {
        if (schema.isEmpty() || logicalOf.isEmpty()) return null;
        LogicalDatabase db = serving.get();
        if (db != null && !db.name().equals(schema) && databases.physicalSchemas(db.name()).contains(schema)) return db.name();
        return logicalOf.get(schema);
    }

    private final class Results implements ResultSink {
        private final ResultSink sink;

        Results(ResultSink sink) {
            this.sink = sink;
        }

        @Override
        public void ok(UpdateResult result, boolean more) {
            sink.ok(result, more);
        }

        @Override
        public java.io.InputStream clientFile(byte[] fileName) {
            return sink.clientFile(fileName);
        }

        @Override
        public void rows(RowCursor cursor, boolean more) throws SQLException {
            List<Column> columns = cursor.columns();
            List<Column> mapped = relabelled.of(columns, serving.get(), LogicalSchemas.this::logical);
            sink.rows(mapped == columns ? cursor : new Relabelled(cursor, mapped), more);
        }

        @Override
        public void error(int errorCode, String sqlState, String message) {
            sink.error(errorCode, sqlState, message(message));
        }
    }

    /** A cursor with other column definitions, rows unchanged. */
    private static final class Relabelled extends ForwardingCursor {
        private final List<Column> columns;

        Relabelled(RowCursor input, List<Column> columns) {
            super(input);
            this.columns = columns;
        }

        @Override
        public byte[] binaryRow() {
            return input.binaryRow(); // schema names change, rows and types do not
        }

        @Override
        public List<Column> columns() {
            return columns;
        }
    }
}
