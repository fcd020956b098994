package io.dbmesh.sharding.parse;

import io.dbmesh.core.sql.ScannedSql;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces the value literals of a text statement by {@code ?} so that statements differing only in
 * those values (the common case of client-side prepared statements: every execution arrives as text
 * with inlined values) share one analysed plan, bound with the values like a prepared statement's.
 *
 * <p>Correctness comes first, so it is deliberately narrow and answers null (plan the text as it
 * is) whenever in doubt:
 * <ul>
 *   <li>only SELECT, INSERT, REPLACE, UPDATE and DELETE (never DDL, EXPLAIN, WITH, SHOW, …), and not
 *       statements naming {@code information_schema}, {@code performance_schema}, {@code mysql} or
 *       {@code sys} (catalog queries are rewritten by the values they compare with);</li>
 *   <li>no backslash anywhere: without one a string literal reads the same with and without
 *       NO_BACKSLASH_ESCAPES, which the planner cannot know; no {@code ?} (a prepared statement's
 *       text), no JDBC escape braces, no {@code --} that is not a comment;</li>
 *   <li>only literals of WHERE (of the statement or of a subquery in it), of INSERT/REPLACE VALUES
 *       rows and of UPDATE / INSERT SET assignments. Never the select list (MySQL labels columns
 *       with the literal's text), ORDER BY / GROUP BY (position numbers), HAVING, LIMIT/OFFSET, ON,
 *       derived tables, ON DUPLICATE KEY UPDATE, nor arguments of function calls or types
 *       ({@code CAST(x AS DECIMAL(10, 2))}, {@code LEFT(name, 3)});</li>
 *   <li>only plain literals between operators: integers without leading zeros that fit a long
 *       (a sign right before one is folded in, {@code = -5}), decimals {@code 12.50} and
 *       single-quoted strings. Not {@code 1e3}, {@code .5}, {@code 0x1F}, {@code x'..'},
 *       {@code b'..'}, {@code N'..'}, {@code _utf8mb4'..'}, double-quoted text (ANSI_QUOTES makes it
 *       a name), adjacent strings, {@code DATE '…'}, {@code INTERVAL 1 DAY}, {@code 'x' COLLATE …},
 *       {@code ESCAPE '!'}: a literal is replaced only when the token before it is an operator or
 *       one of a few keywords and the token after it ends an expression.</li>
 * </ul>
 * Comments and hints stay as written (they are part of the key).
 */
public final class LiteralNormalizer {
    private static final Set<String> KINDS = Set.of("SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE");
    private static final Set<String> CATALOGS = Set.of("INFORMATION_SCHEMA", "PERFORMANCE_SCHEMA", "MYSQL", "SYS");
    private static final Set<String> OPERATORS = Set.of("=", "<", ">", "<=", ">=", "<>", "!=", "<=>", "+", "-", "*", "/", "%");
    private static final Set<String> WORDS_BEFORE = Set.of("WHERE", "AND", "OR", "XOR", "NOT", "LIKE", "BETWEEN", "WHEN",
            "THEN", "ELSE", "DIV", "MOD", "REGEXP", "RLIKE");
    private static final Set<String> WORDS_AFTER = Set.of("AND", "OR", "XOR", "WHERE", "ORDER", "GROUP", "LIMIT", "HAVING", "FOR",
            "LOCK", "UNION", "THEN", "ELSE", "END", "WHEN", "IS", "LIKE", "NOT", "BETWEEN", "IN", "DIV", "MOD", "ESCAPE",
            "REGEXP", "RLIKE", "WINDOW", "RETURNING");
    private static final Set<String> WORDS_BEFORE_LIST = Set.of("IN", "VALUES", "VALUE", "WHERE", "AND", "OR", "NOT", "XOR",
            "EXISTS", "ANY", "SOME", "ALL", "WHEN", "THEN", "ELSE", "BETWEEN", "LIKE");
    private static final Set<String> OTHER_CLAUSES = Set.of("GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "ON", "USING",
            "UNION", "INTERSECT", "EXCEPT", "FOR", "LOCK", "INTO", "RETURNING", "WINDOW", "DUPLICATE", "PARTITION", "OVER", "UPDATE");

    private enum Clause { START, SELECT_LIST, FROM, WHERE, VALUES, SET, OTHER }

    private static final class Frame {
        Clause clause;
        final boolean blocked;

        Frame(Clause clause, boolean blocked) {
            this.clause = clause;
            this.blocked = blocked;
        }
    }

    private LiteralNormalizer() {
    }

    /** The statement with its replaceable literals as {@code ?}, or null when it has none or is not one to touch. */
    public static NormalizedStatement normalize(String sql) {
        return normalize(sql, null);
    }

    /**
     * As {@link #normalize(String)}, reading the tokens the session lexed when the statement arrived
     * ({@code lexed}, may be null or of another text: then {@code sql} is lexed here) instead of
     * lexing it a second time.
     */
    public static NormalizedStatement normalize(String sql, ScannedSql lexed) {
        if (sql.indexOf('\\') >= 0) return null;
        List<SqlToken> tokens = SqlToken.scan(sql, lexed);
        if (tokens == null || tokens.isEmpty()) return null;
        SqlToken first = tokens.get(0);
        if (first.kind() != SqlToken.Kind.WORD || !KINDS.contains(first.upper())) return null;
        String kind = first.upper();
        for (SqlToken t : tokens) {
            if ((t.kind() == SqlToken.Kind.WORD || t.kind() == SqlToken.Kind.QUOTED_NAME) && CATALOGS.contains(t.upper())) return null;
        }

        StringBuilder out = new StringBuilder(sql.length());
        List<Object> values = new ArrayList<>();
        int copied = 0;
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(Clause.START, false));
        boolean afterDuplicate = false;
        List<NormalizedStatement.ValuesRow> rows = new ArrayList<>();
        int rowStart = -1; // in the normalized text (out + what is still to be copied)
        int rowFirstValue = 0;
        int rowSourceStart = -1; // in sql
        boolean rowWithComment = false; // something other than white space between two of the row's tokens
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            SqlToken prev = i > 0 ? tokens.get(i - 1) : null;
            Frame frame = frames.peek();
            if (rowStart >= 0 && !rowWithComment && !onlySpace(sql, prev.end(), t.start())) rowWithComment = true;
            switch (t.kind()) {
                case WORD -> {
                    String w = t.upper();
                    if (w.equals("DUPLICATE")) afterDuplicate = true;
                    if (w.equals("SELECT")) frame.clause = Clause.SELECT_LIST;
                    else if (w.equals("FROM") || w.equals("JOIN")) frame.clause = Clause.FROM;
                    else if (w.equals("WHERE")) frame.clause = Clause.WHERE;
                    else if ((w.equals("VALUES") || w.equals("VALUE")) && frames.size() == 1 && !afterDuplicate
                            && (kind.equals("INSERT") || kind.equals("REPLACE"))) frame.clause = Clause.VALUES;
                    else if (w.equals("SET") && frames.size() == 1 && !afterDuplicate && !kind.equals("DELETE") && !kind.equals("SELECT")) {
                        frame.clause = Clause.SET;
                    } else if (OTHER_CLAUSES.contains(w) || w.equals("VALUES") || w.equals("VALUE") || w.equals("SET")) {
                        frame.clause = Clause.OTHER;
                    }
                }
                case OPERATOR -> {
                    if (t.text().equals("(")) {
                        if (frames.size() == 1 && frame.clause == Clause.VALUES) {
                            rowStart = out.length() + t.start() - copied;
                            rowFirstValue = values.size();
                            rowSourceStart = t.start();
                            rowWithComment = false;
                        }
                        frames.push(new Frame(frame.clause, frame.blocked || !eligible(frame.clause) || !opensList(prev)));
                    } else if (t.text().equals(")")) {
                        if (frames.size() == 1) return null;
                        frames.pop();
                        if (frames.size() == 1 && rowStart >= 0) {
                            rows.add(new NormalizedStatement.ValuesRow(rowStart, out.length() + t.end() - copied,
                                    rowFirstValue, values.size() - rowFirstValue,
                                    rowWithComment ? -1 : rowSourceStart, rowWithComment ? -1 : t.end()));
                            rowStart = -1;
                        }
                    }
                }
                case NUMBER, STRING -> {
                    if (frame.blocked || !eligible(frame.clause) || !endsExpression(i + 1 < tokens.size() ? tokens.get(i + 1) : null)) break;
                    int start = t.start();
                    boolean negative = false;
                    SqlToken before = prev;
                    if (t.kind() == SqlToken.Kind.NUMBER && isOperator(prev, "-") && unaryContext(i >= 2 ? tokens.get(i - 2) : null)) {
                        negative = true;
                        start = prev.start();
                        before = i >= 2 ? tokens.get(i - 2) : null;
                    }
                    if (!startsValue(before)) break;
                    Object value = t.kind() == SqlToken.Kind.STRING ? stringValue(t.text()) : numberValue(t.text(), negative);
                    if (value == null) break;
                    out.append(sql, copied, start).append('?');
                    copied = t.end();
                    values.add(value);
                }
                default -> {
                }
            }
        }
        if (frames.size() != 1 || values.isEmpty()) return null;
        out.append(sql, copied, sql.length());
        return new NormalizedStatement(out.toString(), values, rows);
    }

    /** Whether {@code sql[from, to)} is white space only (no comment: the scanner skips those between tokens). */
    private static boolean onlySpace(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(sql.charAt(i))) return false;
        }
        return true;
    }

    private static boolean eligible(Clause c) {
        return c == Clause.WHERE || c == Clause.VALUES || c == Clause.SET;
    }

    /** A parenthesis that is a value list or grouping (not a function call or type arguments). */
    private static boolean opensList(SqlToken prev) {
        if (prev == null) return false;
        if (prev.kind() == SqlToken.Kind.OPERATOR) return !prev.text().equals(")");
        return prev.kind() == SqlToken.Kind.WORD && WORDS_BEFORE_LIST.contains(prev.upper());
    }

    private static boolean startsValue(SqlToken prev) {
        if (prev == null) return false;
        if (prev.kind() == SqlToken.Kind.OPERATOR) return OPERATORS.contains(prev.text()) || prev.text().equals("(") || prev.text().equals(",");
        return prev.kind() == SqlToken.Kind.WORD && WORDS_BEFORE.contains(prev.upper());
    }

    private static boolean endsExpression(SqlToken next) {
        if (next == null) return true;
        if (next.kind() == SqlToken.Kind.OPERATOR) {
            return OPERATORS.contains(next.text()) || next.text().equals(")") || next.text().equals(",") || next.text().equals(";");
        }
        return next.kind() == SqlToken.Kind.WORD && WORDS_AFTER.contains(next.upper());
    }

    /** Whether a {@code -} after this token is a sign rather than a subtraction. */
    private static boolean unaryContext(SqlToken beforeMinus) {
        if (beforeMinus == null) return false;
        if (beforeMinus.kind() == SqlToken.Kind.OPERATOR) return !beforeMinus.text().equals(")");
        return beforeMinus.kind() == SqlToken.Kind.WORD && WORDS_BEFORE.contains(beforeMinus.upper());
    }

    private static boolean isOperator(SqlToken t, String op) {
        return t != null && t.kind() == SqlToken.Kind.OPERATOR && t.text().equals(op);
    }

    /** The text of a single-quoted literal ({@code ''} is a quote; backslashes never get here). */
    private static String stringValue(String literal) {
        return literal.substring(1, literal.length() - 1).replace("''", "'");
    }

    /**
     * Long for an integer, BigDecimal for a decimal, exactly as the planner reads the literal; null
     * for spellings that would not render back the same (leading zeros) or overflow a long.
     */
    private static Object numberValue(String text, boolean negative) {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        if (whole.length() > 1 && whole.charAt(0) == '0') return null;
        String signed = negative ? "-" + text : text;
        if (dot >= 0) return new BigDecimal(signed);
        try {
            return Long.parseLong(signed);
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
