package io.dbmesh.proxy.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The savepoints of a transaction that spans data sources, in the order they were set (names as
 * written, at most one per name). A data source that joins after {@code SAVEPOINT x} had done
 * nothing in the transaction at x, so replaying {@link #statements} right after it joins (BEGIN in
 * local mode, XA START in xa mode) gives it the same point to roll back to; {@code ROLLBACK TO x}
 * and {@code RELEASE SAVEPOINT x} go to every joined data source. Shared by both transaction modes.
 */
final class Savepoints {
    private final List<SavepointStatement> set = new ArrayList<>(2);

    boolean isEmpty() {
        return set.isEmpty();
    }

    /** The SAVEPOINT statements a data source joining now replays, in order. */
    List<SavepointStatement> statements() {
        return set;
    }

    /** Whether the savepoint exists (ROLLBACK TO / RELEASE of an unknown one is error 1305). */
    boolean has(String key) {
        for (SavepointStatement s : set) if (s.key().equals(key)) return true;
        return false;
    }

    /**
     * The list after {@code s} ran on every joined data source: SAVEPOINT replaces one of the same
     * name and goes last; ROLLBACK TO x drops the savepoints set after x; RELEASE x drops x and those
     * after it (as the server does).
     */
    void applied(SavepointStatement s) {
        int at = -1;
        for (int i = 0; i < set.size(); i++) if (set.get(i).key().equals(s.key())) at = i;
        switch (s.action()) {
            case SET -> {
                if (at >= 0) set.remove(at);
                set.add(new SavepointStatement(SavepointStatement.Action.SET, s.name(), s.key()));
            }
            case ROLLBACK_TO -> {
                if (at >= 0) set.subList(at + 1, set.size()).clear();
            }
            case RELEASE -> {
                if (at >= 0) set.subList(at, set.size()).clear();
            }
        }
    }
}
