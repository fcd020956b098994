package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shard reads of one federated execution, holding at most one connection per data source at
 * any time. A join may have several scans open at once, each over several physical tables of the
 * same data source; opened all together they needed more connections than a small pool holds, and
 * the statement waited for its own connections until the pool's timeout. Here a scan reads its
 * physical tables one after another, and opening a statement on a data source that is still
 * streaming another first reads the rest of that one into memory (bounded like every federated
 * read, error 1114) and gives its connection back. A lone scan keeps streaming, so Calcite can
 * still stop early (LIMIT).
 */
final class ScanConnections {
    private final ShardExecutor executor;
    private final long maxBufferedRows;
    private final Map<String, Stream> streaming = new HashMap<>();

    ScanConnections(ShardExecutor executor, long maxBufferedRows) {
        this.executor = executor;
        this.maxBufferedRows = maxBufferedRows;
    }

    /** The rows of {@code statements}, one statement after another. */
    RowCursor open(List<PhysicalStatement> statements) {
        return new Sequence(statements);
    }

    private Stream stream(PhysicalStatement s) throws SQLException {
        Stream other = streaming.get(s.dataSource());
        if (other != null) other.buffer();
        ShardResult r = executor.execute(s);
        if (!(r instanceof ShardResult.Rows rows)) throw new SQLException("a shard scan returned no rows", "HY000", 1105);
        Stream stream = new Stream(s.dataSource(), rows.cursor());
        streaming.put(s.dataSource(), stream);
        return stream;
    }

    /** One statement's rows: streamed from its connection, or from memory once buffered. */
    private final class Stream {
        private final String dataSource;
        private RowCursor source;
        private List<byte[][]> buffered;
        private int position;
        private byte[][] current;

        Stream(String dataSource, RowCursor source) {
            this.dataSource = dataSource;
            this.source = source;
        }

        boolean next() throws SQLException {
            if (buffered != null) {
                current = position < buffered.size() ? buffered.get(position++) : null;
                return current != null;
            }
            return source.next();
        }

        byte[] value(int i) {
            return buffered != null ? current[i] : source.value(i);
        }

        /** Reads the rest into memory and gives the connection back. */
        void buffer() throws SQLException {
            List<byte[][]> rows = new ArrayList<>();
            int width = source.columns().size();
            while (source.next()) {
                if (rows.size() >= maxBufferedRows) {
                    throw new ShardingException(1114, "HY000", "The table 'federated query' is full: dbmesh reads at most "
                            + maxBufferedRows + " shard rows for a query over differently sharded tables");
                }
                byte[][] row = new byte[width][];
                for (int i = 0; i < width; i++) {
                    byte[] v = source.value(i);
                    row[i] = v == null ? null : v.clone();
                }
                rows.add(row);
            }
            release();
            buffered = rows;
        }

        void close() {
            if (source != null) release();
            buffered = null;
        }

        private void release() {
            source.close();
            source = null;
            streaming.remove(dataSource, this);
        }
    }

    /** The statements of one scan, each opened when the one before is exhausted. */
    private final class Sequence implements RowCursor {
        private final List<PhysicalStatement> statements;
        private int next;
        private Stream current;
        private List<Column> columns = List.of();

        Sequence(List<PhysicalStatement> statements) {
            this.statements = statements;
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public boolean next() throws SQLException {
            while (true) {
                if (current == null) {
                    if (next >= statements.size()) return false;
                    current = stream(statements.get(next++));
                    if (current.source != null) columns = current.source.columns();
                }
                if (current.next()) return true;
                current.close();
                current = null;
            }
        }

        @Override
        public byte[] value(int index) {
            return current.value(index);
        }

        @Override
        public void close() {
            if (current != null) current.close();
            current = null;
            next = statements.size();
        }
    }
}
