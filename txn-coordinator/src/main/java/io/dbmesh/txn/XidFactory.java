package io.dbmesh.txn;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the xids of one sidecar process (format in {@link Xid}). The owner name is the configured
 * node name (or the host name) plus a random suffix per process start, so a restarted sidecar is a
 * new owner: its predecessor's branches are recovered once that predecessor's lease has expired,
 * and two sidecars never share an owner even with the same node name.
 */
public final class XidFactory {
    private final String owner;
    private final AtomicLong sequence = new AtomicLong();

    public XidFactory(String owner) {
        if (!Xid.safe(owner) || owner.indexOf(':') >= 0 || owner.length() > 24) {
            throw new IllegalArgumentException("owner must be 1..24 of [A-Za-z0-9._-]: " + owner);
        }
        this.owner = owner;
    }

    /** A new owner name for this process: {@code node} cleaned up and cut to 16 characters, '-', 6 random characters. */
    public static String newOwner(String node) {
        StringBuilder b = new StringBuilder();
        for (char c : (node == null || node.isBlank() ? "dbmesh" : node).toCharArray()) {
            if (b.length() == 16) break;
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-' ? c : '_');
        }
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) suffix.append(Character.forDigit(random.nextInt(36), 36));
        return b + "-" + suffix;
    }

    public String owner() {
        return owner;
    }

    /** A new global transaction id: {@code dbmesh:<owner>:<start ms base36>.<seq base36>}. */
    public String newGtrid(long startMillis) {
        return Xid.PREFIX + owner + ":" + Long.toString(startMillis, 36) + "." + Long.toString(sequence.incrementAndGet(), 36);
    }

    /** The xid of the branch on {@code dataSource} (cut to 64 characters: it only has to differ between branches). */
    public static Xid branch(String gtrid, String dataSource) {
        String bqual = dataSource.length() > Xid.MAX_PART ? dataSource.substring(0, Xid.MAX_PART) : dataSource;
        return new Xid(gtrid, bqual, Xid.FORMAT_ID);
    }
}
