package io.dbmesh.proxy.backend.replica;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What one client session remembers for read/write splitting: per replica group, the position of
 * its last write (read-your-writes waits for it on a replica) or, where the backend gave no GTID,
 * until when its reads stay on the primary; and whether the client forced every statement to the
 * primary with {@code SET @dbmesh_route = 'primary'}. Confined to the session's thread.
 */
public final class SessionReadState {
    private final Map<String, GtidPosition> lastWrites = new HashMap<>();
    private final Map<String, Long> primaryUntilNanos = new HashMap<>();
    private final LongSupplier nanos;
    private boolean forcePrimary;

    public SessionReadState() {
        this(System::nanoTime);
    }

    /** With the clock the GTID-less write window is measured on (tests step it by hand). */
    SessionReadState(LongSupplier nanos) {
        this.nanos = nanos;
    }

    public boolean forcePrimary() {
        return forcePrimary;
    }

    public void forcePrimary(boolean force) {
        this.forcePrimary = force;
    }

    /** The session's last write to {@code group}, or empty. */
    public GtidPosition lastWrite(String group) {
        return lastWrites.getOrDefault(group, GtidPosition.EMPTY);
    }

    /** After a write on the group's primary: the GTID it produced (from {@code @@last_gtid}). */
    public void wrote(String group, GtidPosition position) {
        lastWrites.merge(group, position, GtidPosition::merge);
    }

    /**
     * After a write whose GTID is unknown (binary log off, a MySQL backend): reads of this group stay
     * on the primary for {@code windowNanos}, the longest a healthy replica may be behind.
     */
    public void wroteWithoutGtid(String group, long windowNanos) {
        primaryUntilNanos.put(group, nanos.getAsLong() + windowNanos);
    }

    /** True while a GTID-less write's window keeps reads of {@code group} on the primary. */
    public boolean inWriteWindow(String group) {
        Long until = primaryUntilNanos.get(group);
        if (until == null) return false;
        if (nanos.getAsLong() - until < 0) return true;
        primaryUntilNanos.remove(group);
        return false;
    }

}
