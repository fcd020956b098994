package io.dbmesh.proxy.command;

import io.dbmesh.core.result.ColumnType;

/**
 * One parameter of COM_STMT_EXECUTE as the client sent it. {@code value} is null for SQL NULL,
 * otherwise a Long (integers; {@code unsigned} says how to read it), Double/Float, String
 * (text decoded with the session's character_set_client, decimal), byte[] (blobs, binary strings,
 * and string-typed values that are not valid text in the client's character set), or java.time values for temporal types
 * (LocalDate, LocalDateTime, and java.time.Duration for TIME, which may be negative or above 24h).
 */
public record BoundParameter(ColumnType type, boolean unsigned, Object value) {
}
