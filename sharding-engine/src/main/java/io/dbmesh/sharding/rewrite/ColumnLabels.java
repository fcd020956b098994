package io.dbmesh.sharding.rewrite;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * MySQL labels an unaliased expression column with the expression exactly as the client typed it
 * ({@code TRIM( name )}, {@code user_id * ?}). Physical SQL is deparsed, which normalises spacing and
 * case, and a prepared statement's {@code ?} reaches the backend as a value; so every unaliased
 * expression of the outer select list gets its original text as alias, and the client sees the
 * label a single server would give.
 */
public final class ColumnLabels {
    private ColumnLabels() {
    }

    public static void keepOriginal(PlainSelect ps, String sql) {
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (item.getAlias() != null || item.getExpression() instanceof Column || item.getExpression() instanceof AllColumns) continue;
            String original = originalText(item.getASTNode(), sql);
            boolean parameters = !io.dbmesh.sharding.parse.AstWalker.collect(item.getExpression(),
                    net.sf.jsqlparser.expression.JdbcParameter.class).isEmpty(); // the backend sees values, the label shows ?
            if (original == null || (!parameters && original.equals(item.getExpression().toString()))) continue;
            item.setAlias(new Alias("`" + original.replace("`", "``") + "`", false));
        }
    }

    /**
     * Unaliased plain columns get their name as the client spelled it as alias. Needed where the
     * physical query reads a derived table standing for a view (information_schema answered in
     * logical terms): the backend would label {@code table_name} with the derived table's own
     * spelling ({@code TABLE_NAME}), a single server with the client's.
     */
    public static void keepColumnSpelling(PlainSelect ps) {
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (item.getAlias() != null || !(item.getExpression() instanceof Column c)) continue;
            String name = c.getColumnName();
            if (name.length() >= 2 && (name.charAt(0) == '`' || name.charAt(0) == '"') && name.charAt(name.length() - 1) == name.charAt(0)) {
                name = name.substring(1, name.length() - 1).replace(name.substring(0, 1) + name.charAt(0), name.substring(0, 1));
            }
            item.setAlias(new Alias("`" + name.replace("`", "``") + "`", true));
        }
    }

    /** The source text a parser node spans, or null when positions are unknown. */
    static String originalText(SimpleNode node, String sql) {
        if (node == null) return null;
        Token first = node.jjtGetFirstToken(), last = node.jjtGetLastToken();
        if (first == null || last == null) return null;
        int start = offset(sql, first.beginLine, first.beginColumn);
        int end = offset(sql, last.endLine, last.endColumn);
        if (start < 0 || end < start || end >= sql.length()) return null;
        return sql.substring(start, end + 1);
    }

    /** 0-based offset of a 1-based line and column. */
    private static int offset(String sql, int line, int column) {
        int pos = 0;
        for (int l = 1; l < line; l++) {
            pos = sql.indexOf('\n', pos);
            if (pos < 0) return -1;
            pos++;
        }
        return pos + column - 1;
    }
}
