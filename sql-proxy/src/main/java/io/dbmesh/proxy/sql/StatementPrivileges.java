package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a statement needs beyond access to its schemas: a server-wide privilege (account and grant
 * management, SET GLOBAL, SHUTDOWN, plugins, replication, FLUSH, …), the FILE privilege (files on
 * the server's machine), or statements hidden in SQL text that runs later (PREPARE … FROM '…',
 * EXECUTE IMMEDIATE '…', stored program bodies), which are returned for the caller to check
 * the same way. Scanner-based, conservative: a word it cannot place counts against the statement.
 */
public final class StatementPrivileges {

    /**
     * @param privilege the MySQL privilege a server would ask for (SUPER, FILE, …)
     * @param feature   what in the statement needs it, for the error message
     */
    public record Requirement(String privilege, String feature) {
    }

    /** A text this class cannot analyse with confidence (dynamic SQL from a variable, …). */
    public static final class Unanalysable extends Exception {
        public Unanalysable(String feature) {
            super(feature, null, false, false);
        }
    }

    private StatementPrivileges() {
    }

    /**
     * Cheap pre-check for SELECT and DML (one pass over the characters, no tokens): false when the
     * text cannot hold anything {@link #required} or {@link #dynamicSql} would find there — no
     * {@code FILE} (LOAD_FILE, OUTFILE, DUMPFILE, INFILE), {@code DIRECTORY}, {@code CONNECT},
     * {@code SONAME}.
     */
    public static boolean mayNeedPrivilege(String sql) {
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = (char) (sql.charAt(i) | 0x20);
            if ((c == 'f' && sql.regionMatches(true, i, "FILE", 0, 4)) || (c == 'd' && sql.regionMatches(true, i, "DIRECTORY", 0, 9))
                    || (c == 'c' && sql.regionMatches(true, i, "CONNECT", 0, 7)) || (c == 's' && sql.regionMatches(true, i, "SONAME", 0, 6))) {
                return true;
            }
        }
        return false;
    }

    /** Session variables whose change needs SUPER (binary logging, replication identity). */
    static final Set<String> RESTRICTED_VARIABLES = Set.of("sql_log_bin", "gtid_domain_id", "gtid_seq_no", "server_id",
            "skip_replication", "pseudo_thread_id", "pseudo_slave_mode", "gtid_strict_mode", "wsrep_on",
            "sql_log_off", "slow_query_log", "log_slow_filter", "binlog_format", "binlog_annotate_row_events");

    /** Words that, inside a stored program or compound statement, start a statement a non-admin may not run. */
    private static final Set<String> BODY_DANGER = Set.of("GRANT", "REVOKE", "SHUTDOWN", "RESTART", "INSTALL",
            "UNINSTALL", "FLUSH", "RESET", "PURGE", "KILL", "BINLOG", "BACKUP", "SHOW", "USE");

    /**
     * The privilege {@code sql} needs beyond schema access, or null.
     *
     * @throws Unanalysable when the statement cannot be judged (its meaning is decided at run time)
     */
    public static Requirement required(String sql, boolean noBackslashEscapes) throws Unanalysable {
        List<Token> tokens = scan(sql, noBackslashEscapes);
        if (tokens.isEmpty()) return null;
        Requirement r = topLevel(sql, tokens, noBackslashEscapes);
        if (r != null) return r;
        r = files(tokens);
        if (r != null) return r;
        if (compound(tokens)) {
            r = body(tokens);
        }
        return r;
    }

    /**
     * The SQL texts {@code sql} will run later as statements of their own: the string of
     * {@code PREPARE s FROM '…'} and {@code EXECUTE IMMEDIATE '…'}, anywhere in the text (also in
     * routine bodies), decoded as the session's sql_mode reads string literals.
     *
     * @throws Unanalysable when the text comes from a variable or an expression
     */
    public static List<String> dynamicSql(String sql, boolean noBackslashEscapes) throws Unanalysable {
        List<Token> tokens = scan(sql, noBackslashEscapes);
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int from = -1;
            if (t.is("PREPARE") && i + 2 < tokens.size() && tokens.get(i + 2).is("FROM") && !before(tokens, i, ".")) {
                from = i + 3;
            } else if (t.is("EXECUTE") && i + 1 < tokens.size() && tokens.get(i + 1).is("IMMEDIATE")) {
                from = i + 2;
            }
            if (from < 0) continue;
            String feature = t.is("PREPARE") ? "PREPARE … FROM" : "EXECUTE IMMEDIATE";
            StringBuilder text = new StringBuilder();
            int j = from;
            while (j < tokens.size() && tokens.get(j).type == SqlScanner.Type.STRING) {
                Token s = tokens.get(j);
                char q = sql.charAt(s.start);
                if (q != '\'' && q != '"') {
                    throw new Unanalysable(feature + " of a " + s.text(sql).substring(0, Math.min(8, s.text(sql).length()))
                            + "… literal (use a plain quoted string)");
                }
                text.append(literal(sql, s, noBackslashEscapes));
                j++;
            }
            if (j == from) {
                throw new Unanalysable(feature + " of a variable or expression (dbmesh checks the SQL text only when it is a string literal)");
            }
            if (j < tokens.size() && !tokens.get(j).isSymbol(';') && !tokens.get(j).is("USING")) {
                throw new Unanalysable(feature + " of an expression (dbmesh checks the SQL text only when it is a string literal)");
            }
            out.add(text.toString());
            i = j - 1;
        }
        return out;
    }

    private static String literal(String sql, Token s, boolean noBackslashEscapes) {
        SqlScanner sc = new SqlScanner(sql, s.start, s.end, noBackslashEscapes);
        sc.next();
        return sc.stringValue();
    }

    // ------------------------------------------------------------------ top level

    private static Requirement topLevel(String sql, List<Token> t, boolean nbe) throws Unanalysable {
        Token first = t.get(0);
        String w1 = first.upper(sql);
        String w2 = t.size() > 1 ? t.get(1).upper(sql) : "";
        switch (w1) {
            case "GRANT", "REVOKE":
                return new Requirement("GRANT OPTION", w1);
            case "SHUTDOWN", "RESTART":
                return new Requirement("SHUTDOWN", w1);
            case "INSTALL", "UNINSTALL":
                return new Requirement("SUPER", w1 + " " + w2);
            case "FLUSH", "RESET", "BACKUP":
                return new Requirement("RELOAD", w1 + (w2.isEmpty() ? "" : " " + w2));
            case "PURGE", "BINLOG":
                return new Requirement("SUPER", w1);
            case "CHANGE":
                return new Requirement("SUPER", "CHANGE " + w2);
            case "START", "STOP":
                if (w2.equals("SLAVE") || w2.equals("REPLICA") || w2.equals("ALL") || w2.equals("SLAVES")) {
                    return new Requirement("SUPER", w1 + " " + w2);
                }
                return null;
            case "CREATE", "DROP", "ALTER", "RENAME": {
                String object = objectWord(sql, t);
                if (object.equals("USER") || object.equals("ROLE")) return new Requirement("CREATE USER", w1 + " " + object);
                if (object.equals("SERVER") || object.equals("TABLESPACE") || object.equals("LOGFILE")) {
                    return new Requirement("SUPER", w1 + " " + object);
                }
                return null;
            }
            case "LOAD":
                if (w2.equals("DATA") || w2.equals("XML")) {
                    for (Token x : t) {
                        if (x.is("LOCAL")) return null; // refused elsewhere: the file is the client's
                        if (x.is("INFILE")) break;
                    }
                    return new Requirement("FILE", "LOAD " + w2 + " INFILE");
                }
                return null;
            case "SET":
                return set(sql, nbe);
            case "SHOW":
                return show(sql, t);
            default:
                return null;
        }
    }

    /** SHOW statements about the server, replication and other connections (PROCESS, REPLICATION CLIENT, SUPER). */
    private static Requirement show(String sql, List<Token> t) {
        String w = t.size() > 1 ? t.get(1).upper(sql) : "";
        if (w.equals("FULL") || w.equals("GLOBAL") || w.equals("SESSION")) w = t.size() > 2 ? t.get(2).upper(sql) : "";
        String next = t.size() > 2 ? t.get(2).upper(sql) : "";
        switch (w) {
            case "ENGINE", "MUTEX", "EXPLAIN", "ANALYZE", "USER_STATISTICS", "CLIENT_STATISTICS", "INDEX_STATISTICS",
                 "TABLE_STATISTICS" -> {
                return new Requirement("PROCESS", "SHOW " + w);
            }
            case "MASTER", "SLAVE", "REPLICA", "BINARY", "BINLOG", "RELAYLOG", "ALL", "SLAVES", "REPLICAS" -> {
                return new Requirement("REPLICATION CLIENT", "SHOW " + w);
            }
            case "CREATE" -> {
                if (next.equals("USER") || next.equals("ROLE")) return new Requirement("SUPER", "SHOW CREATE " + next);
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The object word of CREATE/DROP/ALTER/RENAME, after OR REPLACE, DEFINER = x, IF [NOT] EXISTS, … */
    private static String objectWord(String sql, List<Token> t) {
        for (int i = 1; i < t.size() && i < 16; i++) {
            Token x = t.get(i);
            if (x.type != SqlScanner.Type.WORD) continue;
            String w = x.upper(sql);
            switch (w) {
                case "OR", "REPLACE", "IF", "NOT", "EXISTS", "DEFINER", "CURRENT_USER", "AGGREGATE", "ONLINE", "OFFLINE",
                     "IGNORE", "TEMPORARY", "SQL", "SECURITY", "INVOKER", "ALGORITHM", "UNDEFINED", "MERGE", "TEMPTABLE",
                     "UNIQUE", "FULLTEXT", "SPATIAL", "NONBLOCKING" -> {
                }
                default -> {
                    if (i > 1 && t.get(i - 1).isSymbol('=')) continue; // DEFINER = name
                    if (i > 1 && t.get(i - 1).isSymbol('@')) continue;
                    return w;
                }
            }
        }
        return "";
    }

    private static Requirement set(String sql, boolean nbe) throws Unanalysable {
        for (SetAssignment a : SetStatementParser.parse(sql)) {
            switch (a) {
                case SetAssignment.SystemVariable v -> {
                    if (v.global()) return new Requirement("SUPER", "SET GLOBAL " + v.name());
                    if (RESTRICTED_VARIABLES.contains(v.name())) return new Requirement("SUPER", "SET " + v.name());
                }
                case SetAssignment.Transaction tx -> {
                    if (tx.scope() == SetAssignment.Transaction.Scope.GLOBAL) {
                        return new Requirement("SUPER", "SET GLOBAL TRANSACTION");
                    }
                }
                case SetAssignment.Other o -> {
                    switch (o.keyword()) {
                        case "PASSWORD" -> {
                            return new Requirement("SUPER", "SET PASSWORD");
                        }
                        case "ROLE", "DEFAULT" -> {
                            return new Requirement("SUPER", "SET " + o.keyword() + " ROLE");
                        }
                        case "STATEMENT" -> {
                            return setStatement(sql, nbe);
                        }
                        default -> {
                            return setNotUnderstood(sql, nbe);
                        }
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** SET STATEMENT var = value [, …] FOR statement: the variables and the statement both count. */
    private static Requirement setStatement(String sql, boolean nbe) throws Unanalysable {
        List<Token> t = scan(sql, nbe);
        int depth = 0;
        for (int i = 2; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.isSymbol('(')) depth++;
            else if (x.isSymbol(')')) depth--;
            else if (depth == 0 && x.is("FOR")) {
                String vars = "SET " + sql.substring(t.get(2).start, x.start);
                Requirement r = set(vars, nbe);
                if (r != null) return r;
                return required(sql.substring(t.get(i + 1 < t.size() ? i + 1 : i).start), nbe);
            }
        }
        throw new Unanalysable("SET STATEMENT without FOR");
    }

    /** A SET the parser does not understand: refused when it mentions anything global or restricted. */
    private static Requirement setNotUnderstood(String sql, boolean nbe) {
        for (Token x : scan(sql, nbe)) {
            if (x.is("GLOBAL") || x.is("PERSIST") || x.is("PASSWORD")) return new Requirement("SUPER", "SET GLOBAL");
            if (x.type == SqlScanner.Type.SYSTEM_VARIABLE && x.text(sql).toLowerCase(Locale.ROOT).startsWith("@@global")) {
                return new Requirement("SUPER", "SET GLOBAL");
            }
            if ((x.type == SqlScanner.Type.WORD || x.type == SqlScanner.Type.SYSTEM_VARIABLE)
                    && RESTRICTED_VARIABLES.contains(x.text(sql).toLowerCase(Locale.ROOT).replaceFirst("^@@(session\\.|local\\.)?", ""))) {
                return new Requirement("SUPER", "SET " + x.text(sql));
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ anywhere in the text

    /** Files on the server's machine: LOAD_FILE(), INTO OUTFILE/DUMPFILE, DATA/INDEX DIRECTORY, ENGINE=CONNECT, UDFs. */
    private static Requirement files(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.type != SqlScanner.Type.WORD) continue;
            if (x.is("LOAD_FILE") && i + 1 < t.size() && t.get(i + 1).isSymbol('(')) {
                return new Requirement("FILE", "LOAD_FILE()");
            }
            if ((x.is("OUTFILE") || x.is("DUMPFILE")) && i > 0 && t.get(i - 1).is("INTO")) {
                return new Requirement("FILE", "SELECT … INTO " + x.upperText());
            }
            if (x.is("DIRECTORY") && i > 0 && (t.get(i - 1).is("DATA") || t.get(i - 1).is("INDEX"))) {
                return new Requirement("FILE", t.get(i - 1).upperText() + " DIRECTORY");
            }
            if (x.is("CONNECT") && i > 1 && t.get(i - 1).isSymbol('=') && t.get(i - 2).is("ENGINE")) {
                return new Requirement("FILE", "ENGINE=CONNECT");
            }
            if (x.is("SONAME")) {
                return new Requirement("SUPER", "CREATE FUNCTION … SONAME");
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ stored programs and compound statements

    /** Whether the statement may hold other statements: BEGIN NOT ATOMIC, IF/WHILE/…, labels, routine/trigger/event definitions. */
    private static boolean compound(List<Token> t) {
        Token first = t.get(0);
        if (first.is("BEGIN") || first.is("IF") || first.is("CASE") || first.is("WHILE") || first.is("LOOP")
                || first.is("REPEAT") || first.is("FOR") || first.is("DECLARE")) {
            return true;
        }
        if (t.size() > 1 && t.get(1).isSymbol(':')) return true; // label: BEGIN …
        if (first.is("CREATE") || first.is("ALTER")) {
            for (Token x : t) {
                if (x.is("PROCEDURE") || x.is("FUNCTION") || x.is("TRIGGER") || x.is("EVENT") || x.is("PACKAGE")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Requirement body(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            if (x.type != SqlScanner.Type.WORD || before(t, i, ".") || after(t, i, ".")) continue;
            String w = x.upperText();
            String next = i + 1 < t.size() && t.get(i + 1).type == SqlScanner.Type.WORD ? t.get(i + 1).upperText() : "";
            if (BODY_DANGER.contains(w)) {
                if (w.equals("USE") && (next.equals("INDEX") || next.equals("KEY"))) continue;
                return new Requirement("SUPER", w + " inside a stored program or compound statement");
            }
            switch (w) {
                case "CREATE", "DROP", "ALTER", "RENAME" -> {
                    if (next.equals("USER") || next.equals("ROLE")) return new Requirement("CREATE USER", w + " " + next);
                    if (next.equals("SERVER")) return new Requirement("SUPER", w + " SERVER");
                }
                case "CHANGE" -> {
                    if (next.equals("MASTER") || next.equals("REPLICATION")) return new Requirement("SUPER", "CHANGE " + next);
                }
                case "START", "STOP" -> {
                    if (next.equals("SLAVE") || next.equals("REPLICA") || next.equals("ALL")) {
                        return new Requirement("SUPER", w + " " + next);
                    }
                }
                case "LOAD" -> {
                    if (next.equals("DATA") || next.equals("XML")) return new Requirement("FILE", "LOAD " + next + " INFILE");
                }
                case "SET" -> {
                    if (next.equals("GLOBAL") || next.equals("PERSIST") || next.equals("PASSWORD") || next.equals("ROLE")
                            || next.equals("DEFAULT")) {
                        return new Requirement("SUPER", "SET " + next);
                    }
                }
                default -> {
                }
            }
        }
        for (int i = 0; i < t.size(); i++) {
            Token x = t.get(i);
            boolean assigned = i + 1 < t.size() && (t.get(i + 1).isSymbol('=') || t.get(i + 1).isSymbol(':'));
            if (x.type == SqlScanner.Type.SYSTEM_VARIABLE && assigned
                    && x.upperText().startsWith("@@GLOBAL")) {
                return new Requirement("SUPER", "SET " + x.text);
            }
            if ((x.type == SqlScanner.Type.WORD || x.type == SqlScanner.Type.SYSTEM_VARIABLE) && assigned
                    && RESTRICTED_VARIABLES.contains(x.text.toLowerCase(Locale.ROOT).replaceFirst("^@@(session\\.|local\\.)?", ""))) {
                return new Requirement("SUPER", "SET " + x.text);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ tokens

    private static boolean before(List<Token> t, int i, String symbol) {
        return i > 0 && t.get(i - 1).type == SqlScanner.Type.SYMBOL && t.get(i - 1).text.equals(symbol);
    }

    private static boolean after(List<Token> t, int i, String symbol) {
        return i + 1 < t.size() && t.get(i + 1).type == SqlScanner.Type.SYMBOL && t.get(i + 1).text.equals(symbol);
    }

    private record Token(SqlScanner.Type type, int start, int end, String text) {
        boolean is(String word) {
            return type == SqlScanner.Type.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char c) {
            return type == SqlScanner.Type.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }

        String upper(String sql) {
            return type == SqlScanner.Type.WORD ? upperText() : "";
        }

        String upperText() {
            return text.toUpperCase(Locale.ROOT);
        }

        String text(String sql) {
            return text;
        }
    }

    private static List<Token> scan(String sql, boolean noBackslashEscapes) {
        SqlScanner s = new SqlScanner(sql, 0, sql.length(), noBackslashEscapes);
        List<Token> out = new ArrayList<>();
        while (s.next() != SqlScanner.Type.END) {
            out.add(new Token(s.type(), s.start(), s.end(), s.text()));
        }
        return out;
    }
}
