package io.dbmesh.sharding.merge;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The server prints doubles; our formatter must print the same text for the same double. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class MariaDbDoubleFormatTest {

    @Test
    void knownShapes() {
        assertThat(MariaDbDoubleFormat.format(1e20)).isEqualTo("1e20");
        assertThat(MariaDbDoubleFormat.format(1e14)).isEqualTo("100000000000000");
        assertThat(MariaDbDoubleFormat.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(MariaDbDoubleFormat.format(-1e-7)).isEqualTo("-0.0000001");
        assertThat(MariaDbDoubleFormat.format(1.5e-16)).isEqualTo("1.5e-16");
        assertThat(MariaDbDoubleFormat.format(-0.0)).isEqualTo("0");
        assertThat(MariaDbDoubleFormat.format(100)).isEqualTo("100");
    }

    @Test
    void matchesServerOnRandomDoubles() throws Exception {
        Random random = new Random(7);
        List<Double> values = new ArrayList<>();
        for (int e = -330; e <= 308; e++) {
            values.add(Math.pow(10, e));
            values.add(-1.5 * Math.pow(10, e));
            values.add(random.nextDouble() * Math.pow(10, e));
        }
        for (int i = 0; i < 2000; i++) values.add(Double.longBitsToDouble(random.nextLong()));
        for (int i = 0; i < 500; i++) values.add((double) random.nextInt(100000) / 8);
        // Subnormals (< 2.2e-308) are left out: there Java may choose a closer 2-digit string (9.9e-324 vs 1e-323).
        values.removeIf(d -> d.isNaN() || d.isInfinite() || (d != 0 && Math.abs(d) < Double.MIN_NORMAL));
        try (Connection c = MariaDb.freshDatabase("merge_double")) {
            MariaDb.execute(c, "CREATE TABLE d (id INT PRIMARY KEY, v DOUBLE)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO d VALUES (?, ?)")) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setInt(1, i);
                    ps.setDouble(2, values.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, v FROM d ORDER BY id")) {
                while (rs.next()) {
                    double v = values.get(rs.getInt(1));
                    assertThat(MariaDbDoubleFormat.format(v)).as("%s", v).isEqualTo(rs.getString(2));
                }
            }
        }
    }
}
