package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.sql.SqlScanner;

/**
 * Classifies a single statement from its leading keywords with {@link SqlScanner}: cheap enough for
 * every query (a handful of character comparisons), and exact about the cases that change what the
 * session must do (transactions, temporary tables, locks, SHOW DATABASES).
 */
public final class StatementClassifier {

    private StatementClassifier() {
    }

    public static StatementKind classify(String sql) {
        return classify(sql, SqlDialect.DEFAULT);
    }

    /** As {@link #classify(String)}, reading executable comments as {@code dialect}'s server does. */
    public static StatementKind classify(String sql, SqlDialect dialect) {
        return classify(new SqlScanner(sql, dialect));
    }

    /** As {@link #classify(String)}, from a fresh scanner over the statement (or one replaying a {@code ScannedSql}). */
    public static StatementKind classify(SqlScanner s) {
        if (s.next() == SqlScanner.Type.SYMBOL && s.isSymbol('(')) {
            // (SELECT …) UNION (SELECT …)
            while (s.type() == SqlScanner.Type.SYMBOL && s.isSymbol('(')) {
                s.next();
            }
        }
        if (s.type() != SqlScanner.Type.WORD) {
            return StatementKind.OTHER;
        }
        int len = s.end() - s.start();
        char c = Character.toUpperCase(s.sql().charAt(s.start()));
        switch (c) {
            case 'S':
                if (s.isWord("SELECT")) return StatementKind.SELECT;
                if (s.isWord("SET")) {
                    // SET STATEMENT var = value [, …] FOR statement: the results and effects are its statement's
                    s.next();
                    return s.isWord("STATEMENT") ? StatementKind.COMPOUND : StatementKind.SET;
                }
                if (s.isWord("SHOW")) return classifyShow(s);
                if (s.isWord("START")) {
                    s.next();
                    return s.isWord("TRANSACTION") ? StatementKind.BEGIN : StatementKind.OTHER;
                }
                if (s.isWord("SAVEPOINT")) return StatementKind.OTHER;
                break;
            case 'W':
                if (s.isWord("WITH")) return StatementKind.SELECT;
                if (s.isWord("WHILE")) return StatementKind.COMPOUND;
                break;
            case 'V':
                if (s.isWord("VALUES")) return StatementKind.SELECT;
                break;
            case 'T':
                if (s.isWord("TABLE")) return StatementKind.SELECT;
                if (s.isWord("TRUNCATE")) return StatementKind.DDL;
                break;
            case 'I':
                if (s.isWord("INSERT")) return StatementKind.DML;
                if (len == 2 && s.isWord("IF")) return StatementKind.COMPOUND;
                break;
            case 'U':
                if (s.isWord("UPDATE")) return StatementKind.DML;
                if (s.isWord("USE")) return StatementKind.USE;
                if (s.isWord("UNLOCK")) return StatementKind.UNLOCK_TABLES;
                break;
            case 'D':
                if (s.isWord("DELETE")) return StatementKind.DML;
                if (s.isWord("DESC") || s.isWord("DESCRIBE")) return StatementKind.SHOW;
                if (s.isWord("DROP")) return StatementKind.DDL;
                if (s.isWord("DEALLOCATE")) return StatementKind.SQL_PREPARED;
                break;
            case 'R':
                if (s.isWord("REPLACE")) return StatementKind.DML;
                if (s.isWord("ROLLBACK")) return rollbackKind(s);
                if (s.isWord("RENAME")) return StatementKind.DDL;
                if (s.isWord("RELEASE")) return StatementKind.OTHER;
                if (s.isWord("REPEAT")) return StatementKind.COMPOUND;
                break;
            case 'B':
                if (s.isWord("BEGIN")) {
                    // BEGIN NOT ATOMIC is a compound statement, not a transaction start
                    s.next();
                    return s.isWord("NOT") ? StatementKind.COMPOUND : StatementKind.BEGIN;
                }
                break;
            case 'C':
                if (s.isWord("COMMIT")) return StatementKind.COMMIT;
                if (s.isWord("CALL")) return StatementKind.CALL;
                if (s.isWord("CASE")) return StatementKind.COMPOUND;
                if (s.isWord("CREATE")) return classifyCreate(s);
                break;
            case 'E':
                if (s.isWord("EXPLAIN")) return StatementKind.SHOW;
                if (s.isWord("EXECUTE")) return StatementKind.SQL_PREPARED;
                break;
            case 'A':
                if (s.isWord("ALTER")) return StatementKind.DDL;
                break;
            case 'L':
                if (s.isWord("LOCK")) {
                    s.next();
                    return s.isWord("TABLES") || s.isWord("TABLE") ? StatementKind.LOCK_TABLES : StatementKind.OTHER;
                }
                if (s.isWord("LOAD")) return StatementKind.DML;
                if (s.isWord("LOOP")) return StatementKind.COMPOUND;
                break;
            case 'P':
                if (s.isWord("PREPARE")) return StatementKind.SQL_PREPARED;
                break;
            case 'H':
                if (s.isWord("HANDLER")) return StatementKind.HANDLER;
                if (s.isWord("HELP")) return StatementKind.SHOW;
                break;
            case 'K':
                if (s.isWord("KILL")) return StatementKind.KILL;
                break;
            case 'X':
                if (len == 2 && s.isWord("XA")) return StatementKind.XA;
                break;
            case 'F':
                if (s.isWord("FOR")) return StatementKind.COMPOUND;
                break;
            default:
                break;
        }
        // label: BEGIN … END / LOOP … (a word no statement starts with, then a colon)
        s.next();
        return s.isSymbol(':') ? StatementKind.COMPOUND : StatementKind.OTHER;
    }

    /** LOAD DATA|XML [LOW_PRIORITY|CONCURRENT] LOCAL INFILE: the file would be on the client's machine. */
    public static boolean isLoadLocal(String sql) {
        SqlScanner s = new SqlScanner(sql);
        s.next();
        if (!s.isWord("LOAD")) return false;
        s.next();
        if (!s.isWord("DATA") && !s.isWord("XML")) return false;
        s.next();
        if (s.isWord("LOW_PRIORITY") || s.isWord("CONCURRENT")) s.next();
        return s.isWord("LOCAL");
    }

    /** The file name of a LOAD DATA … LOCAL INFILE 'name' statement (its string's value), or null for any other. */
    public static String loadLocalFileName(String sql) {
        if (!isLoadLocal(sql)) return null;
        SqlScanner s = new SqlScanner(sql);
        while (s.next() != SqlScanner.Type.END) {
            if (s.isWord("INFILE")) {
                return s.next() == SqlScanner.Type.STRING ? s.stringValue() : null;
            }
        }
        return null;
    }

    private static StatementKind rollbackKind(SqlScanner s) {
        // ROLLBACK [WORK] TO [SAVEPOINT] x keeps the transaction open
        s.next();
        if (s.isWord("WORK")) {
            s.next();
        }
        return s.isWord("TO") ? StatementKind.OTHER : StatementKind.ROLLBACK;
    }

    private static StatementKind classifyShow(SqlScanner s) {
        s.next();
        if (s.isWord("DATABASES") || s.isWord("SCHEMAS")) {
            return StatementKind.SHOW_DATABASES;
        }
        if (s.isWord("GLOBAL") || s.isWord("SESSION") || s.isWord("LOCAL")) {
            s.next();
        }
        if (s.isWord("VARIABLES")) {
            return StatementKind.SHOW_VARIABLES;
        }
        return StatementKind.SHOW;
    }

    private static StatementKind classifyCreate(SqlScanner s) {
        // CREATE [OR REPLACE] TEMPORARY TABLE …
        for (int i = 0; i < 3 && s.next() == SqlScanner.Type.WORD; i++) {
            if (s.isWord("TEMPORARY")) return StatementKind.CREATE_TEMPORARY_TABLE;
            if (!s.isWord("OR") && !s.isWord("REPLACE")) break;
        }
        return StatementKind.DDL;
    }
}
