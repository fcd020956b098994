package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.sql.SqlScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one COM_QUERY into statements at top-level semicolons, the way the server
 * does for CLIENT_MULTI_STATEMENTS: semicolons inside strings, quoted identifiers and comments do
 * not count, and neither do the ones inside the body of a stored program
 * ({@code CREATE PROCEDURE … BEGIN …; …; END}, {@code BEGIN NOT ATOMIC … END}), which the server
 * parses as one statement. {@code DELIMITER} is a command of the mysql client, never sent to a
 * server, so it has no meaning here.
 *
 * <p>Empty statements (a trailing semicolon) are dropped; an all-empty text yields one empty statement
 * so the backend can answer it ("Query was empty").
 */
public final class StatementSplitter {

    private StatementSplitter() {
    }

    public static List<String> split(String sql) {
        return split(sql, SqlDialect.DEFAULT);
    }

    /** As {@link #split(String)}, reading executable comments as {@code dialect}'s server does. */
    public static List<String> split(String sql, SqlDialect dialect) {
        if (sql.indexOf(';') < 0) {
            return List.of(sql); // the common case: nothing to split
        }
        List<String> out = new ArrayList<>(2);
        SqlScanner scanner = new SqlScanner(sql, dialect);
        int statementStart = 0;
        int wordIndex = 0;        // words seen in the current statement
        boolean compound = false; // current statement is a stored program with a BEGIN … END body
        int depth = 0;
        String firstWord = null;
        boolean lastWasEnd = false;
        boolean labelled = false;
        while (scanner.next() != SqlScanner.Type.END) {
            if (scanner.isSymbol(';') && depth <= 0) {
                add(out, sql, statementStart, scanner.start());
                statementStart = scanner.end();
                wordIndex = 0;
                compound = false;
                depth = 0;
                firstWord = null;
                lastWasEnd = false;
                labelled = false;
                continue;
            }
            if (scanner.type() == SqlScanner.Type.WORD) {
                if (wordIndex == 0) {
                    firstWord = scanner.text();
                } else if (!compound && wordIndex < 12) {
                    compound = startsCompound(firstWord, wordIndex, labelled, scanner);
                    if (compound && wordIndex == 1 && firstWord.equalsIgnoreCase("BEGIN")) {
                        depth = 1; // BEGIN NOT ATOMIC: the first word opened the block
                    }
                }
                wordIndex++;
                if (compound) {
                    if (lastWasEnd) {
                        // END IF / END LOOP / … close blocks we do not count; END CASE closes a CASE
                        lastWasEnd = false;
                        if (scanner.isWord("IF") || scanner.isWord("LOOP") || scanner.isWord("WHILE")
                                || scanner.isWord("REPEAT") || scanner.isWord("FOR")) {
                            depth++; // undo the decrement of the END that preceded it
                        }
                        continue;
                    }
                    if (scanner.isWord("BEGIN") || scanner.isWord("CASE")) {
                        depth++;
                    } else if (scanner.isWord("END")) {
                        depth--;
                        lastWasEnd = true;
                    }
                }
            } else {
                lastWasEnd = false;
                if (wordIndex == 1 && scanner.isSymbol(':')) {
                    labelled = true; // "name: BEGIN …"
                }
            }
        }
        add(out, sql, statementStart, sql.length());
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    /** Whether the statement whose first word is {@code first} is a stored program with a body. */
    private static boolean startsCompound(String first, int wordIndex, boolean labelled, SqlScanner scanner) {
        if (first.equalsIgnoreCase("CREATE")) {
            return scanner.isWord("PROCEDURE") || scanner.isWord("FUNCTION") || scanner.isWord("TRIGGER")
                    || scanner.isWord("EVENT") || scanner.isWord("PACKAGE");
        }
        if (first.equalsIgnoreCase("BEGIN") && wordIndex == 1) {
            return scanner.isWord("NOT");
        }
        // label: BEGIN … END
        return labelled && wordIndex == 1 && scanner.isWord("BEGIN");
    }

    private static void add(List<String> out, String sql, int from, int to) {
        String s = sql.substring(from, to).strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }
}
