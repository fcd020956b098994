package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.sql.SqlScanner;

import java.util.Locale;

/**
 * {@code SAVEPOINT x}, {@code ROLLBACK [WORK] TO [SAVEPOINT] x} and {@code RELEASE SAVEPOINT x}: the
 * sidecar applies them to every data source its transaction has joined and remembers them for the
 * data sources that join later ({@link LazyTransaction}).
 *
 * @param name the savepoint's name as written (backquoted if it was), to send on
 * @param key  the name compared as the server compares savepoint names (case-insensitively)
 */
record SavepointStatement(Action action, String name, String key) {

    enum Action { SET, ROLLBACK_TO, RELEASE }

    /** The statement, or null when {@code sql} is no savepoint statement. */
    static SavepointStatement parse(String sql) {
        SqlScanner s = new SqlScanner(sql, SqlDialect.DEFAULT);
        s.next();
        Action action;
        if (s.isWord("SAVEPOINT")) {
            action = Action.SET;
        } else if (s.isWord("RELEASE")) {
            s.next();
            if (!s.isWord("SAVEPOINT")) return null;
            action = Action.RELEASE;
        } else if (s.isWord("ROLLBACK")) {
            s.next();
            if (s.isWord("WORK")) s.next();
            if (!s.isWord("TO")) return null;
            s.next();
            if (!s.isWord("SAVEPOINT")) return identifier(Action.ROLLBACK_TO, s);
            action = Action.ROLLBACK_TO;
        } else {
            return null;
        }
        s.next();
        return identifier(action, s);
    }

    private static SavepointStatement identifier(Action action, SqlScanner s) {
        if (s.type() != SqlScanner.Type.WORD && s.type() != SqlScanner.Type.QUOTED_IDENTIFIER) return null;
        String name = s.text();
        String key = s.identifier().toLowerCase(Locale.ROOT);
        SqlScanner.Type after = s.next();
        if (after == SqlScanner.Type.SYMBOL && s.isSymbol(';')) after = s.next();
        return after == SqlScanner.Type.END ? new SavepointStatement(action, name, key) : null;
    }

    /** The statement for a data source. */
    String sql() {
        return switch (action) {
            case SET -> "SAVEPOINT " + name;
            case ROLLBACK_TO -> "ROLLBACK TO SAVEPOINT " + name;
            case RELEASE -> "RELEASE SAVEPOINT " + name;
        };
    }
}
