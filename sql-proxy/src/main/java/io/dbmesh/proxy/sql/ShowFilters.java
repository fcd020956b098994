package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;
import java.util.List;

/**
 * SHOW statements that list objects of every schema on the server unless told otherwise: for a user
 * confined to some schemas they get a filter. {@code SHOW PROCEDURE|FUNCTION|PACKAGE [BODY] STATUS
 * [LIKE 'p' | WHERE e]} becomes {@code … WHERE Db IN (…) [AND Name LIKE 'p' | AND (e)]};
 * {@code SHOW OPEN TABLES} without FROM gets {@code FROM} the current schema.
 */
public final class ShowFilters {

    private ShowFilters() {
    }

    /**
     * @param schemaList SQL for the schemas the user may see, e.g. {@code 'a', 'b'} (never empty: NULL)
     * @param current    SQL identifier of the current schema for OPEN TABLES, or null
     * @return the filtered statement, or {@code sql} when it needs no filter
     */
    public static String filter(String sql, String schemaList, String current) {
        SqlScanner s = new SqlScanner(sql);
        s.next(); // SHOW
        s.next();
        if (s.isWord("PROCEDURE") || s.isWord("FUNCTION") || s.isWord("PACKAGE")) {
            s.next();
            if (s.isWord("BODY")) s.next();
            if (!s.isWord("STATUS")) return sql;
            int head = s.end();
            SqlScanner.Type t = s.next();
            String where = " WHERE `Db` IN (" + schemaList + ")";
            if (t == SqlScanner.Type.END || s.isSymbol(';')) {
                return sql.substring(0, head) + where;
            }
            if (s.isWord("LIKE")) {
                return sql.substring(0, head) + where + " AND `Name` LIKE" + sql.substring(s.end());
            }
            if (s.isWord("WHERE")) {
                return sql.substring(0, head) + where + " AND (" + sql.substring(s.end()) + ")";
            }
            return sql;
        }
        if (s.isWord("OPEN") && current != null) {
            s.next();
            if (!s.isWord("TABLES")) return sql;
            int head = s.end();
            SqlScanner.Type t = s.next();
            if (t != SqlScanner.Type.END && (s.isWord("FROM") || s.isWord("IN"))) return sql;
            return sql.substring(0, head) + " FROM " + current + sql.substring(head);
        }
        return sql;
    }

    /** Quotes names as identifiers for {@link #filter}'s {@code current}. */
    public static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Quotes names as a string list for {@link #filter}'s {@code schemaList}. */
    public static String stringList(List<String> names) {
        if (names.isEmpty()) return "NULL";
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(SqlLiteral.utf8(n));
        }
        return sb.toString();
    }
}
