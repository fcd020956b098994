package io.dbmesh.proxy.session;

import io.dbmesh.proxy.sql.StatementFeatures;
import io.dbmesh.proxy.sql.StatementKind;

import static io.dbmesh.proxy.sql.StatementFeatures.has;

/**
 * Why a session keeps a backend connection instead of returning it to the pool after a statement
 * (bit set per bound connection). Some reasons end by themselves (a transaction, the next
 * statement); the others hold state that cannot be replayed elsewhere, so the connection is
 * closed rather than pooled when the session ends.
 */
final class Pins {
    /** The backend reports an open transaction (SERVER_STATUS_IN_TRANS). */
    static final int TRANSACTION = 1;
    /** SET TRANSACTION without scope: applies to the next transaction on this connection. */
    static final int NEXT_TRANSACTION = 1 << 1;
    /** Warnings, errors or SQL_CALC_FOUND_ROWS of the last statement: SHOW WARNINGS / FOUND_ROWS() follow here. */
    static final int NEXT_STATEMENT = 1 << 2;
    static final int TEMPORARY_TABLES = 1 << 3;
    static final int TABLE_LOCKS = 1 << 4;
    static final int NAMED_LOCKS = 1 << 5;
    /** PREPARE … FROM: a statement held by the backend connection. */
    static final int SQL_PREPARED = 1 << 6;
    static final int HANDLER = 1 << 7;
    /**
     * State the session cannot track: user variables assigned outside SET, SET ROLE, CALL and
     * compound statements (whatever their bodies set), or anything the backend reported as a
     * session state change (SERVER_SESSION_STATE_CHANGED: stored functions, triggers, …).
     */
    static final int UNTRACKED_STATE = 1 << 8;

    /**
     * SERVER_SESSION_STATE_CHANGED: with {@code session_track_state_change=1} (set on every backend
     * connection, see JdbcUrls) the backend flags any statement that changed session state —
     * variables, user variables, temporary tables, prepared statements, the schema — wherever it
     * happened (a routine, a trigger, EXECUTE IMMEDIATE). Named locks and LOCK TABLES are not
     * flagged; the statement text shows those.
     */
    static final int STATUS_SESSION_STATE_CHANGED = 0x4000;

    /** Reasons whose state stays on the connection after they end: such a connection is not reused. */
    static final int DIRTY = TEMPORARY_TABLES | TABLE_LOCKS | NAMED_LOCKS | SQL_PREPARED | HANDLER | UNTRACKED_STATE;

    private Pins() {
    }

    /** The pins a statement that succeeded adds by what it is and does ({@link StatementFeatures} bits). */
    static int heldBy(StatementKind kind, int features) {
        int pins = switch (kind) { // kinds on the left, Pins bits on the right (some share names)
            case CREATE_TEMPORARY_TABLE -> Pins.TEMPORARY_TABLES;
            case LOCK_TABLES -> Pins.TABLE_LOCKS;
            case SQL_PREPARED -> Pins.SQL_PREPARED;
            case HANDLER -> Pins.HANDLER;
            case CALL, COMPOUND -> Pins.UNTRACKED_STATE;
            default -> 0;
        };
        if (features > 0) {
            if (has(features, StatementFeatures.NAMED_LOCK)) pins |= NAMED_LOCKS;
            if (has(features, StatementFeatures.ASSIGNS_USER_VARIABLE)) pins |= UNTRACKED_STATE;
        }
        return pins;
    }

    /**
     * The pins a statement that failed still adds: a routine or compound statement may have changed
     * state before its error.
     */
    static int heldAfterFailure(StatementKind kind) {
        return kind == StatementKind.CALL || kind == StatementKind.COMPOUND ? UNTRACKED_STATE : 0;
    }

    /**
     * The pins a backend's reply to a statement of {@code kind} adds by its status: state it reports
     * changed that the sidecar did not track. Not for SET, whose changes the session tracks itself.
     */
    static int heldByStatus(StatementKind kind, int serverStatus) {
        return (serverStatus & STATUS_SESSION_STATE_CHANGED) != 0 && kind != StatementKind.SET ? UNTRACKED_STATE : 0;
    }
}
