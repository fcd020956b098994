package io.dbmesh.proxy.session;

import io.dbmesh.proxy.sql.StatementFeatures;
import io.dbmesh.proxy.sql.StatementKind;

import static io.dbmesh.proxy.sql.StatementFeatures.has;

/**
 * What the session knows of the client statement a plan runs for, without parsing it: its kind
 * and {@link StatementFeatures} (from the first keywords and one scan). They decide, for every
 * physical statement of its plan, the access intent (a replica may serve a read), whether the
 * session's LAST_INSERT_ID() is given to the connection first, which pins the connection holds
 * afterwards, and whether several results come back (CALL).
 *
 * @param features    {@link StatementFeatures} bits (0: none known)
 * @param passthrough the statement of a passthrough database: its one physical statement is the
 *                    client's text, and its route label names the pool that served it
 * @param binding     a passthrough COM_STMT_EXECUTE run in the binary protocol: its one physical
 *                    statement keeps its {@code ?}, bound by this; null for text
 */
record ClientStatement(StatementKind kind, int features, boolean passthrough, PreparedBinding binding) {

    ClientStatement(StatementKind kind, int features, boolean passthrough) {
        this(kind, features, passthrough, null);
    }

    /** CALL, EXECUTE of an SQL-level prepared statement, a compound statement: several results, then the final OK. */
    boolean multiResult() {
        return kind == StatementKind.CALL || kind == StatementKind.SQL_PREPARED || kind == StatementKind.COMPOUND;
    }

    /** A read that changes nothing on the connection: read/write splitting may send it to a replica. */
    boolean reads() {
        return reads(kind, features);
    }

    /** {@link #reads()} of a statement of {@code kind} with {@code features}. */
    static boolean reads(StatementKind kind, int features) {
        return kind.readOnly() && !(features > 0 && has(features, StatementFeatures.LOCKING_READ
                | StatementFeatures.NAMED_LOCK | StatementFeatures.ASSIGNS_USER_VARIABLE));
    }

    /** The statement calls LAST_INSERT_ID(): the connection gets the session's value first. */
    boolean usesLastInsertId() {
        return features > 0 && has(features, StatementFeatures.LAST_INSERT_ID);
    }
}
