package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.core.sql.SqlScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the assignment list of a SET statement so the session can track what it changes. Only the
 * shape is parsed; values stay SQL text. The backend runs the statement first, so anything it
 * rejects never reaches the session state, and this parser never needs to validate.
 *
 * <p>Text is read as the backend reads it ({@link SqlDialect}): executable comments that apply are
 * code and those that do not are comments, and a value's text spans its tokens only, never the
 * comment markers around them ({@code /*!40103 SET TIME_ZONE='+00:00' *}{@code /} assigns
 * {@code '+00:00'}), so a replay elsewhere is valid SQL.
 */
public final class SetStatementParser {

    private SetStatementParser() {
    }

    /** Assignments of {@code sql} (which starts with SET); a single {@link SetAssignment.Other} if not understood. */
    public static List<SetAssignment> parse(String sql) {
        return parse(sql, SqlDialect.DEFAULT);
    }

    /** As {@link #parse(String)}, reading executable comments as {@code dialect}'s server does. */
    public static List<SetAssignment> parse(String sql, SqlDialect dialect) {
        SqlScanner s = new SqlScanner(sql, dialect);
        s.next();
        if (!s.isWord("SET")) {
            return List.of(new SetAssignment.Other("?"));
        }
        List<SetAssignment> out = new ArrayList<>(2);
        s.next();
        while (true) {
            SetAssignment a = parseOne(s, sql);
            out.add(a);
            if (a instanceof SetAssignment.Other || a instanceof SetAssignment.Transaction) {
                return out; // these take the rest of the statement
            }
            if (s.type() == SqlScanner.Type.END || (s.isSymbol(';'))) {
                return out;
            }
            if (!s.isSymbol(',')) {
                return List.of(new SetAssignment.Other("?"));
            }
            s.next();
        }
    }

    private static SetAssignment parseOne(SqlScanner s, String sql) {
        Boolean global = null;
        if (s.type() == SqlScanner.Type.WORD) {
            if (s.isWord("GLOBAL") || s.isWord("PERSIST") || s.isWord("PERSIST_ONLY")) {
                global = true;
                s.next();
            } else if (s.isWord("SESSION") || s.isWord("LOCAL")) {
                global = false;
                s.next();
            }
        }
        if (s.type() == SqlScanner.Type.WORD) {
            if (s.isWord("NAMES") || s.isWord("CHARSET") || s.isWord("CHARACTER")) {
                int start = s.start();
                int end = skipToItemEnd(s);
                return new SetAssignment.Charset(sql.substring(start, end));
            }
            if (s.isWord("TRANSACTION")) {
                return new SetAssignment.Transaction(global == null ? SetAssignment.Transaction.Scope.NEXT
                        : global ? SetAssignment.Transaction.Scope.GLOBAL : SetAssignment.Transaction.Scope.SESSION);
            }
            if (global == null && (s.isWord("PASSWORD") || s.isWord("ROLE") || s.isWord("DEFAULT")
                    || s.isWord("STATEMENT"))) {
                return new SetAssignment.Other(s.text().toUpperCase(Locale.ROOT));
            }
            String name = s.text().toLowerCase(Locale.ROOT);
            s.next();
            if (s.isSymbol('.')) { // structured variable: default.key_buffer_size
                s.next();
                name = name + "." + s.text().toLowerCase(Locale.ROOT);
                s.next();
            }
            return value(s, sql, name, global != null && global, false);
        }
        if (s.type() == SqlScanner.Type.QUOTED_IDENTIFIER) {
            String name = s.identifier().toLowerCase(Locale.ROOT);
            s.next();
            return value(s, sql, name, global != null && global, false);
        }
        if (s.type() == SqlScanner.Type.SYSTEM_VARIABLE && global == null) {
            String text = s.text().substring(2).toLowerCase(Locale.ROOT).replace("`", "");
            boolean g = false;
            if (text.startsWith("global.")) {
                g = true;
                text = text.substring(7);
            } else if (text.startsWith("session.")) {
                text = text.substring(8);
            } else if (text.startsWith("local.")) {
                text = text.substring(6);
            }
            s.next();
            return value(s, sql, text, g, false);
        }
        if (s.type() == SqlScanner.Type.USER_VARIABLE && global == null) {
            String name = s.text().toLowerCase(Locale.ROOT);
            s.next();
            return value(s, sql, name, false, true);
        }
        return new SetAssignment.Other("?");
    }

    private static SetAssignment value(SqlScanner s, String sql, String name, boolean global, boolean user) {
        if (!(s.isSymbol('=') || (s.type() == SqlScanner.Type.SYMBOL && s.end() - s.start() == 2))) {
            return new SetAssignment.Other("?");
        }
        s.next();
        int start = s.start();
        int end = start;
        int tokens = 0;
        boolean literal = true;
        int depth = 0;
        while (s.type() != SqlScanner.Type.END) {
            if (depth == 0 && (s.isSymbol(',') || s.isSymbol(';'))) {
                break;
            }
            if (s.isSymbol('(')) depth++;
            if (s.isSymbol(')')) depth--;
            SqlScanner.Type t = s.type();
            boolean sign = tokens == 0 && (s.isSymbol('-') || s.isSymbol('+'));
            if (!sign && t != SqlScanner.Type.STRING && t != SqlScanner.Type.NUMBER && t != SqlScanner.Type.WORD) {
                literal = false;
            }
            if (t == SqlScanner.Type.WORD && user && !(s.isWord("NULL") || s.isWord("TRUE") || s.isWord("FALSE"))) {
                literal = false; // CURRENT_TIMESTAMP and friends: evaluate once, read back
            }
            if (t == SqlScanner.Type.WORD && tokens > 0) {
                literal = false; // e.g. "1 + x", a function name, an operator word
            }
            if (!sign) tokens++;
            end = s.end();
            s.next();
        }
        literal &= tokens == 1;
        // from the first to the last token: an executable comment's closing marker is not part of it
        String valueSql = sql.substring(start, end).strip();
        if (valueSql.isEmpty()) {
            return new SetAssignment.Other("?");
        }
        return user ? new SetAssignment.UserVariable(name, valueSql, literal)
                : new SetAssignment.SystemVariable(global, name, valueSql, literal);
    }

    /**
     * Advances past the current item (to a top-level comma, semicolon or the end); returns where its
     * last token ends.
     */
    private static int skipToItemEnd(SqlScanner s) {
        int depth = 0;
        int end = s.end();
        while (s.next() != SqlScanner.Type.END) {
            if (s.isSymbol('(')) depth++;
            else if (s.isSymbol(')')) depth--;
            else if (depth == 0 && (s.isSymbol(',') || s.isSymbol(';'))) return end;
            end = s.end();
        }
        return end;
    }
}
