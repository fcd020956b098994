package io.dbmesh.proxy.sql;

/**
 * What a statement is, as far as the session needs to know before sending it: decided from its
 * first one or two keywords by {@link StatementClassifier}, never by a full parse.
 */
public enum StatementKind {
    SELECT,
    /** INSERT, UPDATE, DELETE, REPLACE, LOAD DATA … */
    DML,
    SET,
    USE,
    SHOW_DATABASES,
    /** SHOW [GLOBAL|SESSION] VARIABLES: passed through, with the rows the sidecar answers replaced. */
    SHOW_VARIABLES,
    /** Other SHOW statements, DESCRIBE, EXPLAIN, HELP. */
    SHOW,
    BEGIN,
    COMMIT,
    ROLLBACK,
    CALL,
    /**
     * A compound statement outside a stored program (MariaDB): BEGIN NOT ATOMIC … END, IF, CASE,
     * LOOP, WHILE, REPEAT, FOR, or a labelled block; and SET STATEMENT … FOR statement, which runs
     * another statement. Like CALL it may return several results and change session state the
     * sidecar cannot see.
     */
    COMPOUND,
    /** CREATE TEMPORARY TABLE: the table lives in the backend connection, so the session pins it. */
    CREATE_TEMPORARY_TABLE,
    /** CREATE, ALTER, DROP, TRUNCATE, RENAME … */
    DDL,
    LOCK_TABLES,
    UNLOCK_TABLES,
    /** SQL-level PREPARE / EXECUTE / DEALLOCATE PREPARE: statements held by the backend connection. */
    SQL_PREPARED,
    /** HANDLER … OPEN/READ/CLOSE: an open handler lives in the backend connection. */
    HANDLER,
    /** KILL [CONNECTION|QUERY] id: ids are the sidecar's connection ids, answered by the sidecar. */
    KILL,
    /** XA START/END/PREPARE/COMMIT/ROLLBACK/RECOVER. */
    XA,
    /** Anything else (DO, FLUSH, KILL, GRANT, ANALYZE, …): passed through. */
    OTHER;

    /** Statements that may run on a replica when outside a transaction (refined by locking-read features). */
    public boolean readOnly() {
        return this == SELECT || this == SHOW || this == SHOW_DATABASES || this == SHOW_VARIABLES;
    }
}
