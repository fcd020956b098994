package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The schemas a statement names, found with {@link SqlScanner} (no parse): the qualifier of every
 * schema-qualified table, view, sequence or routine ({@code db.t}, {@code db.f()}, {@code db.t.col}),
 * and the database of {@code SHOW … FROM db}, {@code SHOW CREATE DATABASE db} and
 * {@code CREATE/ALTER/DROP DATABASE db}.
 *
 * <p>A two-part name {@code a.b} means schema {@code a} in a table position ({@code FROM a.b},
 * {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code TABLE}, …) but table-or-alias {@code a} in an
 * expression ({@code WHERE a.b = 1}), where MySQL never resolves it to a schema. The scanner tracks
 * which of the two it is in per parenthesis depth. It errs on the safe side: a position it does not
 * recognise as an expression yields an {@link Role#UNCERTAIN} reference, which the caller checks
 * more closely (or treats as a schema).
 *
 * <p>Where the server and this scanner might read a text differently, the server's reading wins:
 * strings are scanned as the session's sql_mode says (NO_BACKSLASH_ESCAPES), {@code "x"} is taken
 * for an identifier where it qualifies a name (sql_mode ANSI_QUOTES), and a word that starts with a
 * digit ({@code 2fa.codes}) is an identifier, as in MySQL.
 */
public final class SchemaReferences {

    /** What the qualified name is. */
    public enum Role {
        /** a table, view or sequence name in a table position, or a 3-part column name */
        TABLE,
        /** a stored routine called or defined: {@code db.f(} */
        ROUTINE,
        /** a database named as such: SHOW … FROM db, CREATE DATABASE db, … */
        DATABASE,
        /** a two-part name in a position the scanner cannot classify: a schema, or a table alias */
        UNCERTAIN
    }

    /**
     * @param schema the schema name as written (identifier quotes removed)
     * @param object the name it qualifies (table, routine), or null for {@link Role#DATABASE}
     * @param start  where the schema token starts in the text
     * @param end    where it ends (the text in between is what a rewrite replaces)
     * @param objectEnd where the name it qualifies ends (-1 when unknown)
     */
    public record Reference(String schema, String object, Role role, int start, int end, int objectEnd) {
    }

    private SchemaReferences() {
    }

    /** Quick check: does the text contain a qualified name at all (a '.' right after a name)? */
    public static boolean mayQualify(String sql) {
        return sql.indexOf('.') >= 0;
    }

    /**
     * The references of {@code sql} as the server reads it.
     *
     * @param noBackslashEscapes the session's sql_mode has NO_BACKSLASH_ESCAPES (strings end differently)
     */
    public static List<Reference> find(String sql, boolean noBackslashEscapes) {
        return new Walk(sql, noBackslashEscapes).run();
    }

    // per-depth state
    private static final byte NONE = 0;
    /** a list of table references: FROM, JOIN, UPDATE, INTO, TABLE(S) … */
    private static final byte TABLES = 1;
    /** the ON condition of a join (an expression) inside a table list */
    private static final byte CONDITION = 2;
    private static final int MAX_DEPTH = 256;

    /** Keywords after which a two-part name is a column of an expression. */
    private static final Set<String> EXPRESSION_WORDS = Set.of("SELECT", "WHERE", "AND", "OR", "NOT", "XOR", "ON",
            "BY", "HAVING", "SET", "WHEN", "THEN", "ELSE", "CASE", "DISTINCT", "DISTINCTROW", "ALL", "ANY", "SOME",
            "IN", "IS", "BETWEEN", "LIKE", "REGEXP", "RLIKE", "DIV", "MOD", "INTERVAL", "RETURN", "LIMIT", "OFFSET",
            "ESCAPE", "SEPARATOR", "ASC", "DESC", "HIGH_PRIORITY", "SQL_CALC_FOUND_ROWS", "SQL_NO_CACHE", "SQL_CACHE",
            "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "IF", "ELSEIF", "WHILE", "UNTIL", "DEFAULT",
            "EXISTS", "SOUNDS", "MEMBER", "OF", "COLLATE", "BINARY", "VALUE");
    /** Keywords that start a list of table references at their depth. */
    private static final Set<String> TABLE_LIST_WORDS = Set.of("FROM", "JOIN", "STRAIGHT_JOIN", "UPDATE", "INTO",
            "TABLE", "TABLES", "USING", "DELETE", "INSERT", "REPLACE");
    /** Keywords after which the next name (only) is a table, view, routine or sequence. */
    private static final Set<String> ONE_NAME_WORDS = Set.of("REFERENCES", "TRUNCATE", "HANDLER", "CALL", "VIEW",
            "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "SEQUENCE", "TO", "RENAME", "FOR", "PACKAGE", "BODY");
    /** Keywords that end a table list (back to expressions or other clauses). */
    private static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "WINDOW",
            "UNION", "EXCEPT", "INTERSECT", "SET", "VALUES", "VALUE", "SELECT", "RETURNING", "WITH", "DO", "SCHEDULE");
    /** Functions whose argument is a sequence name. */
    private static final Set<String> SEQUENCE_FUNCTIONS = Set.of("NEXTVAL", "LASTVAL", "SETVAL");
    /** Functions whose parentheses hold FROM as a keyword of the function, not a table list. */
    private static final Set<String> FROM_FUNCTIONS = Set.of("EXTRACT", "TRIM", "SUBSTRING", "SUBSTR", "MID", "OVERLAY",
            "POSITION", "CAST", "CONVERT");

    private static final class Walk {
        private final String sql;
        private final boolean noBackslashEscapes;
        private final List<Reference> out = new ArrayList<>(2);
        private final byte[] state = new byte[MAX_DEPTH];
        private final boolean[] functionParen = new boolean[MAX_DEPTH];
        private int depth;
        /** the next name is a table/routine name (after REFERENCES, CALL, …) */
        private boolean oneName;
        private boolean createStatement;
        private boolean showStatement;
        // the previous token
        private SqlScanner.Type prevType = SqlScanner.Type.END;
        private String prevWord; // upper case, when prevType is WORD
        private char prevSymbol;

        Walk(String sql, boolean noBackslashEscapes) {
            this.sql = sql;
            this.noBackslashEscapes = noBackslashEscapes;
        }

        List<Reference> run() {
            SqlScanner s = scanner(0);
            boolean first = true;
            while (s.next() != SqlScanner.Type.END) {
                SqlScanner.Type t = s.type();
                if (first && t == SqlScanner.Type.WORD) {
                    createStatement = s.isWord("CREATE");
                    showStatement = s.isWord("SHOW");
                    first = false;
                    if (s.isWord("DESC") || s.isWord("DESCRIBE") || s.isWord("EXPLAIN")) {
                        see(s);
                        oneName = true;
                        continue;
                    }
                }
                if (isName(s)) {
                    int chainEnd = chain(s);
                    if (chainEnd >= 0) {
                        s = scanner(chainEnd);
                        prevType = SqlScanner.Type.WORD;
                        prevWord = "";
                        oneName = false;
                        continue;
                    }
                    if (t == SqlScanner.Type.NUMBER) {
                        seeIdentifierNumber(s);
                        continue;
                    }
                }
                see(s);
            }
            return out;
        }

        private SqlScanner scanner(int from) {
            return new SqlScanner(sql, from, sql.length(), noBackslashEscapes);
        }

        /** A token that can start a qualified name: a word, `name`, "name" (ANSI_QUOTES), 2fa (starts with a digit). */
        private static boolean isName(SqlScanner s) {
            return switch (s.type()) {
                case WORD, QUOTED_IDENTIFIER -> true;
                case STRING -> s.sql().charAt(s.start()) == '"';
                case NUMBER -> !isNumberLiteral(s.sql(), s.start(), s.end());
                default -> false;
            };
        }

        private void seeIdentifierNumber(SqlScanner s) {
            // a NUMBER token like 1db.t2 (digits first, then letters): the scanner swallowed the dots
            String text = s.text();
            int dot = text.indexOf('.');
            if (dot > 0) {
                String[] parts = text.split("\\.", -1);
                record(parts[0], parts.length > 1 ? parts[1] : null, parts.length, false, s.start(), s.start() + dot, -1);
            }
            prevType = SqlScanner.Type.WORD;
            prevWord = "";
            oneName = false;
        }

        /**
         * When the name at {@code s} is followed by '.', reads the whole chain, records its reference
         * and returns where the chain ends; otherwise -1.
         */
        private int chain(SqlScanner s) {
            int qStart = s.start(), qEnd = s.end();
            if (!dotMayFollow(qEnd)) return -1;
            String qualifier = name(s);
            SqlScanner look = scanner(s.end());
            SqlScanner.Type t = look.next();
            if (t == SqlScanner.Type.NUMBER && look.sql().charAt(look.start()) == '.' && look.end() - look.start() > 1) {
                // db.2fa: the scanner read ".2fa" as a number
                String rest = look.text().substring(1);
                String[] parts = rest.split("\\.", -1);
                record(qualifier, parts[0], 1 + parts.length, false, qStart, qEnd, -1);
                return look.end();
            }
            if (t != SqlScanner.Type.SYMBOL || !look.isSymbol('.')) {
                return -1;
            }
            int parts = 1;
            String object = null;
            int objectEnd = -1;
            int end = look.end();
            while (true) {
                SqlScanner.Type p = look.next();
                if (p == SqlScanner.Type.WORD || p == SqlScanner.Type.QUOTED_IDENTIFIER || p == SqlScanner.Type.NUMBER
                        || (p == SqlScanner.Type.STRING && look.sql().charAt(look.start()) == '"')
                        || (p == SqlScanner.Type.SYMBOL && look.isSymbol('*'))) {
                    parts++;
                    if (parts == 2) {
                        object = look.type() == SqlScanner.Type.SYMBOL ? "*" : name(look);
                        objectEnd = look.end();
                    }
                    end = look.end();
                    if (p == SqlScanner.Type.NUMBER && look.text().indexOf('.') >= 0) {
                        parts += look.text().split("\\.", -1).length - 1;
                    }
                } else {
                    break;
                }
                SqlScanner after = scanner(end);
                if (after.next() == SqlScanner.Type.SYMBOL && after.isSymbol('.')) {
                    look = after;
                    end = after.end();
                    continue;
                }
                break;
            }
            SqlScanner after = scanner(end);
            boolean call = after.next() == SqlScanner.Type.SYMBOL && after.isSymbol('(');
            record(qualifier, object, parts, call, qStart, qEnd, objectEnd);
            return end;
        }

        /** Cheap look at the next character: only '.', a comment or the end of a code comment can lead to a dot. */
        private boolean dotMayFollow(int at) {
            int n = sql.length();
            while (at < n) {
                char c = sql.charAt(at);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                    at++;
                    continue;
                }
                return c == '.' || c == '/' || c == '#' || c == '-' || c == '*';
            }
            return false;
        }

        private void record(String qualifier, String object, int parts, boolean call, int start, int end, int objectEnd) {
            Role role;
            if (call) {
                role = Role.ROUTINE;
            } else if (parts >= 3 || oneName || currentState() == TABLES) {
                role = Role.TABLE;
            } else if (expressionPosition()) {
                return; // table.column
            } else {
                role = Role.UNCERTAIN;
            }
            out.add(new Reference(qualifier, object, role, start, end, objectEnd));
        }

        private boolean expressionPosition() {
            if (prevType == SqlScanner.Type.SYMBOL) {
                return prevSymbol != '.';
            }
            if (prevType == SqlScanner.Type.WORD) {
                return EXPRESSION_WORDS.contains(prevWord);
            }
            return false;
        }

        private byte currentState() {
            return depth < MAX_DEPTH ? state[depth] : TABLES;
        }

        private void setState(byte b) {
            if (depth < MAX_DEPTH) state[depth] = b;
        }

        /** Updates the position state with a token that is not part of a qualified name. */
        private void see(SqlScanner s) {
            SqlScanner.Type t = s.type();
            boolean keepOneName = false;
            if (t == SqlScanner.Type.WORD) {
                String w = s.end() - s.start() > 19 ? "" : s.text().toUpperCase(java.util.Locale.ROOT);
                boolean inFunction = depth < MAX_DEPTH && functionParen[depth];
                if (w.endsWith("JOIN") || (TABLE_LIST_WORDS.contains(w) && !(inFunction && (w.equals("FROM") || w.equals("USING"))))
                        || (showStatement && w.equals("IN"))) {
                    if (w.equals("UPDATE") && "KEY".equals(prevWord)) {
                        setState(NONE); // ON DUPLICATE KEY UPDATE a = …
                    } else {
                        setState(TABLES);
                    }
                } else if (w.equals("ON")) {
                    boolean trigger = "INSERT".equals(prevWord) || "UPDATE".equals(prevWord) || "DELETE".equals(prevWord);
                    if (currentState() == TABLES && !trigger) setState(CONDITION);
                    else keepOneName = oneName = true; // CREATE INDEX … ON t, CREATE TRIGGER … ON t
                } else if (CLAUSE_WORDS.contains(w)) {
                    setState(NONE);
                } else if (ONE_NAME_WORDS.contains(w) || (w.equals("LIKE") && createStatement)) {
                    oneName = true;
                    keepOneName = true;
                }
                prevWord = w;
            } else if (t == SqlScanner.Type.SYMBOL) {
                if (s.isSymbol('(')) {
                    byte inherited = currentState() == TABLES ? TABLES : NONE;
                    boolean fromFunction = prevType == SqlScanner.Type.WORD && FROM_FUNCTIONS.contains(prevWord);
                    boolean sequence = prevType == SqlScanner.Type.WORD && SEQUENCE_FUNCTIONS.contains(prevWord);
                    depth++;
                    setState(inherited);
                    if (depth < MAX_DEPTH) functionParen[depth] = fromFunction;
                    if (sequence) {
                        oneName = true;
                        keepOneName = true;
                    }
                } else if (s.isSymbol(')')) {
                    if (depth > 0) depth--;
                } else if (s.isSymbol(',') && currentState() == CONDITION) {
                    setState(TABLES); // FROM a JOIN b ON … , c
                } else if (s.isSymbol(';')) {
                    depth = 0;
                    setState(NONE);
                }
                prevSymbol = s.sql().charAt(s.start());
            }
            if (!keepOneName && t != SqlScanner.Type.END) {
                oneName = false;
            }
            prevType = t == SqlScanner.Type.QUOTED_IDENTIFIER ? SqlScanner.Type.WORD : t;
            if (t == SqlScanner.Type.QUOTED_IDENTIFIER) prevWord = "";
        }

        private static String name(SqlScanner s) {
            if (s.type() == SqlScanner.Type.STRING) {
                return s.stringValue();
            }
            return s.identifier();
        }
    }

    /** 12, 1.5, .5, 1e3, 1.5E-3, 0x1F, 0b101: numbers; 2fa, 1db.t: identifiers that start with digits. */
    static boolean isNumberLiteral(String sql, int start, int end) {
        boolean digits = true;
        for (int i = start; i < end && digits; i++) digits = SqlScanner.isDigit(sql.charAt(i));
        return digits || NUMBER.matcher(sql).region(start, end).matches();
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|0x[0-9a-fA-F]+|0b[01]+");
}
