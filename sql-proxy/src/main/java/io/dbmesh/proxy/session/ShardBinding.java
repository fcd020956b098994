package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.sharding.PhysicalStatement;

import java.util.List;

/**
 * A sharded COM_STMT_EXECUTE whose shard statements may run in the binary protocol: {@code binder}
 * binds the client's values as the client typed them ({@link BinaryParameters}), {@code values} are
 * those values as the sharding engine received them. A physical statement of the plan takes the
 * binder only when the engine kept the client's placeholders: its parameters are exactly these
 * value objects, in this order, and its SQL has one {@code ?} per value (table names renamed,
 * nothing else). Where the engine changed a value — a generated key, a multi-row INSERT split over
 * shards, a scatter's rewritten LIMIT — the objects differ and the statement goes as text, its
 * values written in as literals as before. {@code markers} are the client statement's remembered
 * marker counts ({@link ShardMarkers}).
 */
record ShardBinding(BackendConnection.ParameterBinder binder, List<Object> values, ShardMarkers markers) {

    ShardBinding(BackendConnection.ParameterBinder binder, List<Object> values) {
        this(binder, values, new ShardMarkers());
    }

    /**
     * Whether {@code s} (its SQL as sent: {@code physical}) binds exactly the client's values.
     *
     * @param noBackslashEscapes how the backend reads {@code physical}'s string literals (a {@code ?}
     *                           inside one is no marker)
     */
    boolean binds(PhysicalStatement s, String physical, boolean noBackslashEscapes) {
        List<Object> p = s.parameters();
        int n = values.size();
        if (p.size() != n || n == 0) return false;
        for (int i = 0; i < n; i++) {
            if (p.get(i) != values.get(i)) return false; // the same objects: the engine passed the client's value on
        }
        return markers.of(physical, noBackslashEscapes) == n;
    }
}
