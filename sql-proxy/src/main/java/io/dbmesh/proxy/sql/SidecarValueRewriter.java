package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;

/**
 * Replaces, in the text of a statement, the variables and functions that the sidecar answers itself
 * (see {@link SidecarVariables}) by literals, keeping the column name the client expects: a bare
 * select item {@code @@max_allowed_packet} becomes {@code 16777216 AS `@@max_allowed_packet`}.
 * Only statements flagged by {@link StatementFeatures} reach this, so the hot path never pays.
 */
public final class SidecarValueRewriter {

    /** Literal SQL for each answered value. */
    public interface Values {
        /** e.g. "16777216" for max_allowed_packet, "'10.11.0-dbmesh'" for version; null keeps it. */
        String variable(String name);

        /** The logical database as a SQL literal ('demo' or NULL). */
        String database();

        String version();

        /** The sidecar's id of the client connection (the one KILL takes). */
        String connectionId();
    }

    private SidecarValueRewriter() {
    }

    /**
     * @param rewriteDatabase whether DATABASE()/SCHEMA() are replaced: not in statements that read
     *                        the backend's catalog ({@link SystemSchemas#named}), where the backend
     *                        must see its own physical schema
     */
    public static String rewrite(String sql, Values values, boolean rewriteDatabase) {
        SqlScanner s = new SqlScanner(sql);
        StringBuilder out = null;
        int copied = 0;
        boolean itemStart = false; // the previous token starts a select item (SELECT, comma, DISTINCT)
        SelectLists lists = new SelectLists();
        while (s.next() != SqlScanner.Type.END) {
            int from = s.start();
            int to = -1;
            String literal = null;
            if (s.type() == SqlScanner.Type.SYSTEM_VARIABLE && SidecarVariables.isAnswered(sql, s.start(), s.end())) {
                literal = values.variable(SidecarVariables.name(sql, s.start(), s.end()));
                to = s.end();
            } else if (s.type() == SqlScanner.Type.WORD && (s.isWord("VERSION") || s.isWord("CONNECTION_ID")
                    || (rewriteDatabase && (s.isWord("DATABASE") || s.isWord("SCHEMA"))))) {
                String function = s.text();
                SqlScanner look = new SqlScanner(sql, s.end(), sql.length());
                if (look.next() == SqlScanner.Type.SYMBOL && look.isSymbol('(')
                        && look.next() == SqlScanner.Type.SYMBOL && look.isSymbol(')')) {
                    literal = function.equalsIgnoreCase("VERSION") ? values.version()
                            : function.equalsIgnoreCase("CONNECTION_ID") ? values.connectionId() : values.database();
                    to = look.end();
                }
            }
            if (literal == null) {
                lists.see(s);
                itemStart = lists.inSelectList()
                        && (s.isWord("SELECT") || s.isSymbol(',') || s.isWord("DISTINCT") || s.isWord("ALL"));
                continue;
            }
            if (out == null) {
                out = new StringBuilder(sql.length() + 32);
            }
            out.append(sql, copied, from).append(literal);
            copied = to;
            if (itemStart && endsSelectItem(sql, to)) {
                out.append(" AS `").append(sql.substring(from, to).replace("`", "``")).append('`');
            }
            s = new SqlScanner(sql, to, sql.length());
            itemStart = false;
        }
        if (out == null) {
            return sql;
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /**
     * Whether the scanner is in a select list, per parenthesis depth: only a bare item there is
     * labelled by its text, so only there does a replaced value get an alias (a comma in VALUES,
     * ORDER BY or a function's arguments is no select item).
     */
    private static final class SelectLists {
        private long inList; // bit d: the select list at depth d is being read (deeper nesting: never)
        private int depth;

        void see(SqlScanner s) {
            if (s.isSymbol('(')) {
                depth++;
                clear();
            } else if (s.isSymbol(')')) {
                clear();
                if (depth > 0) depth--;
            } else if (s.isWord("SELECT")) {
                if (depth < 64) inList |= 1L << depth;
            } else if (s.type() == SqlScanner.Type.WORD && endsList(s)) {
                clear();
            }
        }

        boolean inSelectList() {
            return depth < 64 && (inList & (1L << depth)) != 0;
        }

        private void clear() {
            if (depth < 64) inList &= ~(1L << depth);
        }

        private static boolean endsList(SqlScanner s) {
            return s.isWord("FROM") || s.isWord("INTO") || s.isWord("WHERE") || s.isWord("GROUP") || s.isWord("ORDER")
                    || s.isWord("HAVING") || s.isWord("LIMIT") || s.isWord("UNION") || s.isWord("WINDOW")
                    || s.isWord("FOR") || s.isWord("LOCK") || s.isWord("EXCEPT") || s.isWord("INTERSECT");
        }
    }

    private static boolean endsSelectItem(String sql, int at) {
        SqlScanner look = new SqlScanner(sql, at, sql.length());
        SqlScanner.Type t = look.next();
        if (t == SqlScanner.Type.END) return true;
        if (t == SqlScanner.Type.SYMBOL) return look.isSymbol(',') || look.isSymbol(';');
        return look.isWord("FROM") || look.isWord("INTO") || look.isWord("WHERE") || look.isWord("UNION")
                || look.isWord("LIMIT") || look.isWord("ORDER") || look.isWord("GROUP") || look.isWord("HAVING");
    }
}
