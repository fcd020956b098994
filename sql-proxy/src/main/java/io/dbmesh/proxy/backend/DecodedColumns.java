package io.dbmesh.proxy.backend;

import io.dbmesh.core.result.Column;
import org.mariadb.jdbc.client.ColumnDecoder;

import java.util.List;

/**
 * One backend connection's column lists of its last few result shapes, by the identity of
 * Connector/J's decoder array: a server-side prepared statement on a backend that caches metadata
 * (MariaDB 10.6+) hands every execution the same array, so the columns are read from it once instead
 * of their names decoded into new strings per result (with the list compared again downstream, see
 * ColumnDefinitionCache): ~0.7 % of the sidecar's CPU on sysbench read-only through two shards
 * (profile, issue 13). A text result gets a new array each time and simply misses. Used by the
 * connection's current user only, like the connection.
 */
final class DecodedColumns {
    static final int KEPT = 8;

    private final ColumnDecoder[][] decoders = new ColumnDecoder[KEPT][];
    @SuppressWarnings("unchecked")
    private final List<Column>[] columns = new List[KEPT];
    private int next;

    List<Column> of(ColumnDecoder[] d) {
        for (int i = 0; i < KEPT; i++) {
            if (decoders[i] == d) return columns[i];
        }
        List<Column> c = ColumnMapping.fromDecoders(d);
        decoders[next] = d;
        columns[next] = c;
        next = (next + 1) % KEPT;
        return c;
    }
}
