package io.dbmesh.proxy.backend.replica;

import io.dbmesh.core.sql.SqlDialect;

import java.util.List;
import java.util.Set;

/**
 * Decides from the statement text alone whether it may run on a replica (outside a transaction).
 * Only plain reads may: {@code SELECT}, {@code WITH … SELECT} and parenthesised selects that do
 * not lock rows, write files or variables, or call functions whose answer depends on this
 * session's history on the primary. Everything else — writes, DDL, SHOW, CALL, SET, … — goes to
 * the primary, so a statement we do not understand is never sent somewhere it could be wrong.
 *
 * <p>{@code START TRANSACTION READ ONLY} is replica-safe too: the whole transaction may then run on
 * one replica (the caller binds the connection for the transaction's life).
 *
 * @param replicaSafe         true when a replica may answer it
 * @param reason              why it must go to the primary (for logs and route previews), null when replica-safe
 * @param readOnlyTransaction it is {@code START TRANSACTION READ ONLY}
 */
public record ReadEligibility(boolean replicaSafe, String reason, boolean readOnlyTransaction) {

    private static final ReadEligibility REPLICA = new ReadEligibility(true, null, false);
    private static final ReadEligibility READ_ONLY_TRANSACTION = new ReadEligibility(true, null, true);

    /** Functions that read or change state of this session or server that a replica does not share. */
    static final Set<String> PRIMARY_FUNCTIONS = Set.of(
            "LAST_INSERT_ID", "FOUND_ROWS", "ROW_COUNT",
            "GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "IS_FREE_LOCK", "IS_USED_LOCK",
            "NEXTVAL", "LASTVAL", "SETVAL",
            "MASTER_POS_WAIT", "MASTER_GTID_WAIT", "SOURCE_POS_WAIT", "WAIT_FOR_EXECUTED_GTID_SET",
            "LOAD_FILE");

    public static ReadEligibility of(String sql) {
        ReadEligibility everyComment = decide(SqlTokens.of(sql, SqlDialect.EVERY_EXECUTABLE_COMMENT));
        if (!everyComment.replicaSafe() || !sql.contains("/*")) return everyComment;
        // a versioned executable comment is code on some servers only: a replica may answer only when it may either way
        ReadEligibility noVersionedComment = decide(SqlTokens.of(sql, SqlDialect.NO_VERSIONED_COMMENT));
        return noVersionedComment.replicaSafe() ? everyComment : noVersionedComment;
    }

    private static ReadEligibility decide(SqlTokens tokens) {
        if (tokens.primaryHint()) return primary("/*+ dbmesh:primary */ hint");
        List<String> w = tokens.words();
        if (w.isEmpty()) return primary("empty statement");
        if (startsReadOnlyTransaction(w)) return READ_ONLY_TRANSACTION;
        if (!isSelect(w)) return primary("not a SELECT");
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            switch (word) {
                case "FOR" -> {
                    String next = tokens.after(i);
                    if (next.equals("UPDATE") || next.equals("SHARE")) return primary("locking read (FOR " + next + ")");
                }
                case "LOCK" -> {
                    if (tokens.after(i).equals("IN")) return primary("locking read (LOCK IN SHARE MODE)");
                }
                case "INTO" -> {
                    return primary("SELECT … INTO writes variables or files");
                }
                case "SQL_CALC_FOUND_ROWS" -> {
                    return primary("SQL_CALC_FOUND_ROWS feeds a later FOUND_ROWS()");
                }
                case ":=" -> {
                    return primary("assigns a user variable");
                }
                case "NEXT", "PREVIOUS" -> {
                    if (tokens.after(i).equals("VALUE")) return primary("uses a sequence (" + word + " VALUE FOR)");
                }
                default -> {
                    if (PRIMARY_FUNCTIONS.contains(word) && tokens.after(i).equals("(")) {
                        return primary("calls " + word + "()");
                    }
                }
            }
        }
        return REPLICA;
    }

    /** SET and USE change only session state: no GTID to remember after them. */
    static boolean isSessionStatement(String sql) {
        List<String> w = SqlTokens.of(sql).words();
        return !w.isEmpty() && (w.get(0).equals("SET") || w.get(0).equals("USE"));
    }

    /** START TRANSACTION [WITH CONSISTENT SNAPSHOT,] READ ONLY [, WITH CONSISTENT SNAPSHOT] */
    private static boolean startsReadOnlyTransaction(List<String> w) {
        if (w.size() < 4 || !w.get(0).equals("START") || !w.get(1).equals("TRANSACTION")) return false;
        boolean readOnly = false;
        for (int i = 2; i < w.size(); i++) {
            String t = w.get(i);
            if (t.equals("READ") && i + 1 < w.size()) {
                String mode = w.get(i + 1);
                if (mode.equals("WRITE")) return false;
                readOnly |= mode.equals("ONLY");
            }
        }
        return readOnly;
    }

    /** SELECT, (SELECT …), or WITH … whose first top-level statement keyword is SELECT. */
    private static boolean isSelect(List<String> w) {
        int i = 0;
        while (i < w.size() && w.get(i).equals("(")) i++;
        if (i == w.size()) return false;
        String first = w.get(i);
        if (first.equals("SELECT")) return true;
        if (!first.equals("WITH")) return false;
        int depth = 0;
        for (int j = i + 1; j < w.size(); j++) {
            String t = w.get(j);
            if (t.equals("(")) depth++;
            else if (t.equals(")")) depth--;
            else if (depth == 0 && (t.equals("SELECT") || t.equals("UPDATE") || t.equals("DELETE")
                    || t.equals("INSERT") || t.equals("REPLACE"))) {
                return t.equals("SELECT");
            }
        }
        return false;
    }

    private static ReadEligibility primary(String reason) {
        return new ReadEligibility(false, reason, false);
    }
}
