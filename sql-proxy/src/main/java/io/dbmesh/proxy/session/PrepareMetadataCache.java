package io.dbmesh.proxy.session;

import io.dbmesh.core.result.Column;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the backend answered to COM_STMT_PREPARE (parameter count, result columns), by data source,
 * schema and SQL text. Many clients prepare, execute and close every statement (Go's database/sql,
 * PDO without emulation); without this each of their statements would cost the backend an extra
 * round trip. Any DDL that runs through the sidecar clears it, entries expire after
 * {@link #TTL_NANOS} (DDL run around the sidecar, e.g. migrations on a direct connection), and
 * sessions holding temporary tables (which shadow names) bypass it; the columns of an execution always come fresh from the
 * backend, so a stale entry can only make a prepare answer describe columns the execute then
 * corrects.
 */
final class PrepareMetadataCache {

    record Metadata(int parameterCount, List<Column> columns) {
    }

    private record Stored(Metadata metadata, long storedAt) {
    }

    private static final int MAX_ENTRIES = 2048;
    static final long TTL_NANOS = 30_000_000_000L;

    private final Map<String, Stored> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    static String key(String dataSource, String schema, String sql) {
        return dataSource + '\u0000' + (schema == null ? "" : schema) + '\u0000' + sql;
    }

    synchronized Metadata get(String key) {
        Stored e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.storedAt() > TTL_NANOS) {
            entries.remove(key);
            return null;
        }
        return e.metadata();
    }

    synchronized void put(String key, Metadata metadata) {
        entries.put(key, new Stored(metadata, System.nanoTime()));
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
