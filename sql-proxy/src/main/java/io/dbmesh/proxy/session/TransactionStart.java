package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.sql.SqlScanner;

/**
 * What a BEGIN / START TRANSACTION asks for, as a lazily opened local-mode transaction needs to know:
 * {@code READ ONLY} (the status flag the client sees at once) and {@code WITH CONSISTENT SNAPSHOT}
 * (a snapshot must be taken on every data source now, so that one is opened eagerly). Anything
 * else the backend validates when the first data source joins.
 */
record TransactionStart(boolean readOnly, boolean consistentSnapshot) {

    static TransactionStart of(String sql) {
        SqlScanner s = new SqlScanner(sql, SqlDialect.DEFAULT);
        boolean readOnly = false;
        boolean snapshot = false;
        for (SqlScanner.Type t = s.next(); t != SqlScanner.Type.END; t = s.next()) {
            if (s.isWord("READ")) {
                s.next();
                if (s.isWord("ONLY")) readOnly = true;
                else if (s.isWord("WRITE")) readOnly = false;
            } else if (s.isWord("SNAPSHOT")) {
                snapshot = true;
            }
        }
        return new TransactionStart(readOnly, snapshot);
    }
}
