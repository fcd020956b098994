package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.SqlScanner;

/**
 * How a statement spells a column name. MariaDB labels a selected column as the client typed it
 * ({@code SELECT table_name FROM information_schema.tables} answers the label {@code table_name}),
 * but a column read through a derived table takes the derived table's spelling. When the sidecar
 * puts a view in place of an information_schema table it aliases the view's columns with the
 * client's spelling, so drivers that look up result columns by exact label keep working.
 */
final class ColumnSpelling {
    private ColumnSpelling() {
    }

    /** The first spelling of {@code column} (case-insensitively) as a word or quoted identifier in {@code sql}, else {@code column}. */
    static String in(String sql, String column) {
        SqlScanner s = new SqlScanner(sql);
        while (s.next() != SqlScanner.Type.END) {
            if (s.type() == SqlScanner.Type.WORD || s.type() == SqlScanner.Type.QUOTED_IDENTIFIER) {
                String name = s.identifier();
                if (name.equalsIgnoreCase(column)) return name;
            }
        }
        return column;
    }
}
