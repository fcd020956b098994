package io.dbmesh.proxy.backend.replica;

/**
 * The parts of {@code SHOW SLAVE STATUS} that decide whether a replica may serve reads.
 *
 * @param secondsBehind {@code Seconds_Behind_Master}; null when the server does not know (SQL thread stopped)
 * @param lastError     {@code Last_IO_Error} and/or {@code Last_SQL_Error}, or null
 */
public record ReplicationStatus(boolean ioRunning, boolean sqlRunning, Long secondsBehind, String lastError) {
}
