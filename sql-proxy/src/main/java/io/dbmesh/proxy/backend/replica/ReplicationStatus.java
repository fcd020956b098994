package io.dbmesh.proxy.backend.replica;

/**
 * The parts of {@code SHOW SLAVE STATUS} that decide whether a replica may serve reads.
 *
 * @param ioRunning     {@code Slave_IO_Running = Yes}: connected to the primary
 * @param ioConnecting  {@code Slave_IO_Running = Connecting}: lost the primary, trying to reconnect
 * @param sqlRunning    {@code Slave_SQL_Running = Yes}: applying what it received
 * @param secondsBehind {@code Seconds_Behind_Master}; null when the server does not know (a thread stopped)
 * @param lastError     {@code Last_IO_Error} and/or {@code Last_SQL_Error}, or null
 */
public record ReplicationStatus(boolean ioRunning, boolean ioConnecting, boolean sqlRunning, Long secondsBehind,
                                String lastError) {

    /** A replica whose IO thread is either running or stopped (not reconnecting). */
    public ReplicationStatus(boolean ioRunning, boolean sqlRunning, Long secondsBehind, String lastError) {
        this(ioRunning, false, sqlRunning, secondsBehind, lastError);
    }
}
