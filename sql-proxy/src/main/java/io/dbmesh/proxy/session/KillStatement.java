package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.sql.SqlScanner;

/**
 * KILL [HARD|SOFT] [CONNECTION|QUERY] id, parsed. Clients take ids from the handshake or
 * CONNECTION_ID(), both the sidecar's, so the sidecar resolves them itself: passing the statement
 * through would kill whatever backend thread happens to have that number.
 *
 * @param connectionId the sidecar connection id of the session to kill
 * @param queryOnly    KILL QUERY: cancel the running statement, keep the connection
 */
record KillStatement(long connectionId, boolean queryOnly) {

    /** @param ownConnectionId what {@code KILL CONNECTION_ID()} names */
    static KillStatement parse(String sql, long ownConnectionId) throws MySqlException {
        SqlScanner s = new SqlScanner(sql);
        s.next(); // KILL
        s.next();
        if (s.isWord("HARD") || s.isWord("SOFT")) {
            s.next();
        }
        boolean queryOnly = false;
        if (s.isWord("QUERY")) {
            queryOnly = true;
            s.next();
            if (s.isWord("ID")) {
                throw MySqlException.notSupported("KILL QUERY ID");
            }
        } else if (s.isWord("CONNECTION")) {
            s.next();
        } else if (s.isWord("USER")) {
            throw MySqlException.notSupported("KILL USER");
        }
        long id;
        if (s.type() == SqlScanner.Type.NUMBER) {
            try {
                id = Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                throw new MySqlException(1094, "HY000", "Unknown thread id: " + s.text());
            }
        } else if (s.isWord("CONNECTION_ID")) {
            id = ownConnectionId;
        } else {
            throw new MySqlException(1064, "42000", "You have an error in your SQL syntax; KILL needs a thread id");
        }
        return new KillStatement(id, queryOnly);
    }
}
