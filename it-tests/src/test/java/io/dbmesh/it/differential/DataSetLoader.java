package io.dbmesh.it.differential;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the orders schema and data set into one side with ordinary SQL over the text protocol:
 * DROP TABLE IF EXISTS, CREATE TABLE, multi-row INSERT. On the sharded side these go through
 * the sidecar, so the load itself exercises DDL fan-out and multi-row INSERT splitting.
 */
final class DataSetLoader {
    static final int ROWS_PER_INSERT = 100;

    private DataSetLoader() {
    }

    /** How the rows are laid out physically. */
    enum Layout {
        /** InnoDB tables, rows inserted in generation order: what both compared sides use. */
        AS_GENERATED,
        /**
         * MyISAM heap tables without indexes, rows inserted in reverse: scans return rows in a
         * different order than InnoDB's primary-key order (only for reads: no keys, no
         * transactions). A corpus statement whose answer depends on scan order (LIMIT without a
         * total ORDER BY, GROUP BY picking an arbitrary representative) then differs in the mirror
         * comparison, which points at the corpus, not the engine.
         */
        SCRAMBLED
    }

    static void load(Connection connection, OrdersDataSet data, Layout layout) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (String table : OrdersSchema.TABLES.reversed()) {
            statements.add("DROP TABLE IF EXISTS " + table);
        }
        if (layout == Layout.SCRAMBLED) {
            // No primary keys either: a covering primary-key index would hand rows back in key
            // order again, hiding exactly what this layout is meant to reveal.
            OrdersSchema.CREATE.forEach(ddl -> statements.add(ddl.replace(" PRIMARY KEY", "") + " ENGINE=MyISAM"));
            statements.addAll(data.insertStatements(ROWS_PER_INSERT, true));
        } else {
            statements.addAll(OrdersSchema.CREATE);
            statements.addAll(OrdersSchema.INDEXES);
            statements.addAll(data.insertStatements(ROWS_PER_INSERT));
        }
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("loading the data set failed at: " + abbreviate(sql) + ": "
                            + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "…";
    }
}
