package io.dbmesh.sharding.parse;

/** What a statement does, as far as routing cares. */
public enum StatementKind {
    SELECT, INSERT, UPDATE, DELETE, DDL, METADATA, EXPLAIN_ROUTE, OTHER
}
