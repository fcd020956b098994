package io.dbmesh.it.sharding;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cross-shard ORDER BY / GROUP BY / DISTINCT / MIN / MAX on columns of several collations, through
 * the sidecar (issue 10 item 4): the merge must compare by each column's real collation, which
 * result metadata does not carry (a utf8mb4_unicode_ci or latin1_swedish_ci column is reported as
 * the connection's utf8mb4_general_ci), so the sidecar reads it from the backend's
 * information_schema. The answers must equal one MariaDB holding the same rows. A collation the
 * merge cannot compare by (utf8mb4_uca1400_ai_ci) is refused naming it.
 */
class CrossShardCollationTest {
    static final String DS0 = "engine_coll_ds0_" + ProcessHandle.current().pid();
    static final String DS1 = "engine_coll_ds1_" + ProcessHandle.current().pid();
    static final String SINGLE = "engine_coll_single_" + ProcessHandle.current().pid();
    /** Values that order differently under general_ci, unicode_ci, _bin and latin1_swedish_ci. */
    static final List<String> VALUES = List.of("a", "A", "b", "B", "ß", "ss", "s", "st", "Ä", "z", "Z", "å", "ae", "æ",
            "Å", "é", "e", "f", "y", "ü", "u", "v", "w", "Ö", "o", "a ", "Ø");
    static final String COLUMNS = "n_uni VARCHAR(16) COLLATE utf8mb4_unicode_ci, n_bin VARCHAR(16) COLLATE utf8mb4_bin, "
            + "n_latin VARCHAR(16) CHARACTER SET latin1 COLLATE latin1_swedish_ci, n_uca VARCHAR(16) COLLATE utf8mb4_uca1400_ai_ci";
    static final Map<String, String> COLLATION = Map.of("n_uni", "utf8mb4_unicode_ci", "n_bin", "utf8mb4_bin",
            "n_latin", "latin1_swedish_ci");

    static MariaDbInstance mariadb;
    static SidecarFixture sidecar;
    static Connection single, sharded;

    @BeforeAll
    static void start() throws SQLException {
        mariadb = MariaDbServers.shared();
        mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
        mariadb.recreateDatabase(SINGLE);
        DbmeshConfig config = new ConfigLoader(new EnvSubstitution(Map.of(
                "DS0_URL", mariadb.jdbcUrl(DS0), "DS0_USER", mariadb.user(), "DS0_PASSWORD", mariadb.password(),
                "DS1_URL", mariadb.jdbcUrl(DS1), "DS1_USER", mariadb.user(), "DS1_PASSWORD", mariadb.password())::get))
                .loadFile(Path.of("..", "conf", "examples", "orders.yaml"));
        sidecar = SidecarFixture.start(config);
        single = mariadb.connect(SINGLE);
        sharded = sidecar.connect("orders");
        try (Statement s = single.createStatement()) {
            s.execute("CREATE TABLE t_user (user_id BIGINT PRIMARY KEY, name VARCHAR(64), region_id INT, created_at DATETIME, "
                    + "balance DECIMAL(12,2), " + COLUMNS + ")");
        }
        try (Statement s = sharded.createStatement()) {
            s.execute("ALTER TABLE t_user ADD COLUMN (" + COLUMNS + ")"); // fans out to every physical table
        }
        for (Connection c : List.of(single, sharded)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO t_user (user_id, name, n_uni, n_bin, n_latin, n_uca) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < VALUES.size() * 2; i++) {
                    String v = i == VALUES.size() ? null : VALUES.get((i * 7) % VALUES.size());
                    ps.setLong(1, i + 1);
                    for (int p = 2; p <= 6; p++) ps.setString(p, v);
                    ps.executeUpdate();
                }
            }
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        for (Connection c : new Connection[]{single, sharded}) if (c != null) c.close();
        if (sidecar != null) sidecar.close();
        mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1, "DROP DATABASE IF EXISTS " + SINGLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n_uni", "n_bin", "n_latin"})
    void orderByMergesInTheColumnsCollation(String col) throws SQLException {
        for (String sql : List.of("SELECT " + col + ", user_id FROM t_user ORDER BY " + col + ", user_id",
                "SELECT " + col + ", user_id FROM t_user ORDER BY " + col + " DESC, user_id LIMIT 20",
                "SELECT user_id FROM t_user ORDER BY " + col + ", user_id DESC")) {
            assertThat(rows(sharded, sql)).as(sql).isEqualTo(rows(single, sql));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"n_uni", "n_bin", "n_latin"})
    void groupByAndDistinctGroupInTheColumnsCollation(String col) throws SQLException {
        // which member of a group of equal values MariaDB shows is not defined: compare the groups'
        // sizes in order, and each shown value by the column's own equality on the server
        for (String sql : List.of("SELECT COUNT(*) FROM t_user GROUP BY " + col + " ORDER BY " + col,
                "SELECT COUNT(DISTINCT " + col + ") FROM t_user",
                "SELECT COUNT(*), COUNT(DISTINCT " + col + ") FROM t_user GROUP BY region_id")) {
            assertThat(rows(sharded, sql)).as(sql).isEqualTo(rows(single, sql));
        }
        for (String sql : List.of("SELECT " + col + ", COUNT(*) FROM t_user GROUP BY " + col + " ORDER BY " + col,
                "SELECT DISTINCT " + col + " FROM t_user ORDER BY " + col,
                "SELECT MIN(" + col + "), MAX(" + col + ") FROM t_user")) {
            assertEqualUnderCollation(sql, col, rows(sharded, sql), rows(single, sql));
        }
    }

    @Test
    void aCollationTheMergeCannotCompareByIsRefusedByName() throws SQLException {
        for (String sql : List.of("SELECT n_uca FROM t_user ORDER BY n_uca, user_id", "SELECT DISTINCT n_uca FROM t_user",
                "SELECT MAX(n_uca) FROM t_user")) {
            rows(single, sql); // valid SQL
            assertThatThrownBy(() -> rows(sharded, sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("uca1400_ai_ci").satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1235));
        }
        // not compared by the merge: answered
        String plain = "SELECT n_uca FROM t_user ORDER BY user_id";
        assertThat(rows(sharded, plain)).isEqualTo(rows(single, plain));
    }

    private static void assertEqualUnderCollation(String sql, String col, List<List<String>> actual, List<List<String>> expected)
            throws SQLException {
        assertThat(actual).as(sql).hasSameSizeAs(expected);
        String charset = col.equals("n_latin") ? "latin1" : "utf8mb4";
        try (PreparedStatement eq = single.prepareStatement("SELECT CONVERT(? USING " + charset + ") COLLATE " + COLLATION.get(col)
                + " <=> CONVERT(? USING " + charset + ") COLLATE " + COLLATION.get(col))) {
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < expected.get(r).size(); c++) {
                    eq.setString(1, actual.get(r).get(c));
                    eq.setString(2, expected.get(r).get(c));
                    try (ResultSet rs = eq.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as("%s row %d: %s vs %s%nsharded %s%nsingle  %s", sql, r, actual.get(r),
                                expected.get(r), actual, expected).isEqualTo(1);
                    }
                }
            }
        }
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }
}
