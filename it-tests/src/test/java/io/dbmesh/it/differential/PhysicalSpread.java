package io.dbmesh.it.differential;

import io.dbmesh.it.MariaDbInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Looks behind the sidecar, straight at the physical databases: after the load every physical
 * table must hold rows, or the differential run would not exercise every shard (a data set
 * concentrated on one shard makes a broken merge look right).
 */
final class PhysicalSpread {
    private PhysicalSpread() {
    }

    static void assertEveryTableHoldsRows(MariaDbInstance server, List<String> databases) throws SQLException {
        List<String> empty = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (Connection c = server.connect("")) {
            for (String db : databases) {
                List<String> tables = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
                    ps.setString(1, db);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            tables.add(rs.getString(1));
                        }
                    }
                }
                for (String table : tables) {
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + db + "`.`" + table + "`")) {
                        rs.next();
                        long rows = rs.getLong(1);
                        seen.add(db + "." + table + "=" + rows);
                        if (rows == 0) {
                            empty.add(db + "." + table);
                        }
                    }
                }
            }
        }
        if (seen.isEmpty()) {
            fail("no physical tables found in " + databases);
        }
        if (!empty.isEmpty()) {
            fail("physical tables without rows: " + empty + " (all: " + seen + ")");
        }
    }
}
