package io.dbmesh.proxy.session;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend statements of the client statement a session runs now, for KILL QUERY (which comes
 * from another session's thread). Added to once per backend statement and cleared once per client
 * statement, on the hot path of every query: a plain list under an uncontended lock instead of a
 * concurrent set, whose identity hash of each new Statement (JVM_IHashCode) and node per add cost
 * ~1 % of the sidecar's CPU per point select (profile, issue 13). Shards of a parallel scatter add
 * from their own threads, hence the lock.
 */
final class RunningStatements {
    private final List<Statement> statements = new ArrayList<>(2);

    synchronized void add(Statement st) {
        statements.add(st);
    }

    synchronized void clear() {
        if (!statements.isEmpty()) statements.clear();
    }

    /** A copy to cancel outside the lock (cancelling is a round trip on another connection). */
    synchronized List<Statement> snapshot() {
        return List.copyOf(statements);
    }
}
