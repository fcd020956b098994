package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlScanner;

/**
 * Whether a statement reads the backend's own catalog: it qualifies a name with
 * {@code information_schema}, {@code performance_schema}, {@code mysql} or {@code sys}. Those
 * tables name schemas physically, so in such a statement {@code DATABASE()} must keep the
 * backend's answer (a client's {@code WHERE TABLE_SCHEMA = DATABASE()} must find the physical
 * schema's tables), while everywhere else it is replaced by the logical database's name.
 */
public final class SystemSchemas {

    private SystemSchemas() {
    }

    /** True when {@code sql} (outside strings and comments) qualifies a name with a system schema. */
    public static boolean named(String sql) {
        SqlScanner s = new SqlScanner(sql);
        boolean system = false; // the previous token was a system schema's name
        while (s.next() != SqlScanner.Type.END) {
            if (system && s.isSymbol('.')) {
                return true;
            }
            system = (s.type() == SqlScanner.Type.WORD || s.type() == SqlScanner.Type.QUOTED_IDENTIFIER)
                    && isSystemSchema(s.identifier());
        }
        return false;
    }

    /** Like {@link #named}, but only performance_schema, mysql and sys count. */
    public static boolean namedBesidesInformationSchema(String sql) {
        SqlScanner s = new SqlScanner(sql);
        boolean system = false;
        while (s.next() != SqlScanner.Type.END) {
            if (system && s.isSymbol('.')) {
                return true;
            }
            system = (s.type() == SqlScanner.Type.WORD || s.type() == SqlScanner.Type.QUOTED_IDENTIFIER)
                    && isSystemSchema(s.identifier()) && !s.identifier().equalsIgnoreCase("information_schema");
        }
        return false;
    }

    private static boolean isSystemSchema(String name) {
        return name.equalsIgnoreCase("information_schema") || name.equalsIgnoreCase("performance_schema")
                || name.equalsIgnoreCase("mysql") || name.equalsIgnoreCase("sys");
    }
}
