package io.dbmesh.core.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Executable comments are read as the backend reads them (rules checked against MariaDB 10.11 by hand). */
class SqlDialectTest {

    private static final SqlDialect MARIADB_10_11_19 = SqlDialect.of("10.11.19-MariaDB-0+deb12u1");
    private static final SqlDialect MYSQL_8 = SqlDialect.of("8.0.36");

    @Test
    void versionStrings() {
        assertThat(MARIADB_10_11_19).isEqualTo(new SqlDialect(101119, true));
        assertThat(SqlDialect.of("5.5.5-10.6.2-MariaDB-log")).isEqualTo(new SqlDialect(100602, true));
        assertThat(MYSQL_8).isEqualTo(new SqlDialect(80036, false));
        assertThat(SqlDialect.of("")).isEqualTo(SqlDialect.DEFAULT);
        assertThat(SqlDialect.of("garbage")).isEqualTo(SqlDialect.DEFAULT);
    }

    /** The words a scanner sees in {@code sql}, space-separated. */
    private static String words(String sql, SqlDialect dialect) {
        SqlScanner s = new SqlScanner(sql, dialect);
        StringBuilder out = new StringBuilder();
        while (s.next() != SqlScanner.Type.END) {
            if (!out.isEmpty()) out.append(' ');
            out.append(s.text());
        }
        return out.toString();
    }

    @Test
    void mariadbRules() {
        // as `SELECT 1 /*!N + 1 */` answers on MariaDB 10.11.19: 2 where the comment is code
        assertThat(words("a /*!40101 b */ c", MARIADB_10_11_19)).isEqualTo("a b c");
        assertThat(words("a /*!101119 b */ c", MARIADB_10_11_19)).isEqualTo("a b c");
        assertThat(words("a /*!101120 b */ c", MARIADB_10_11_19)).isEqualTo("a c");
        assertThat(words("a /*!50699 b */ c", MARIADB_10_11_19)).isEqualTo("a b c");
        assertThat(words("a /*!50700 b */ c", MARIADB_10_11_19)).isEqualTo("a c"); // MySQL 5.7+ comments
        assertThat(words("a /*!80000 b */ c", MARIADB_10_11_19)).isEqualTo("a c");
        assertThat(words("a /*!080000 b */ c", MARIADB_10_11_19)).isEqualTo("a c");
        assertThat(words("a /*!999999 b */ c", MARIADB_10_11_19)).isEqualTo("a c");
        assertThat(words("a /*M!80000 b */ c", MARIADB_10_11_19)).isEqualTo("a b c");
        assertThat(words("a /*M!100101 b */ c", MARIADB_10_11_19)).isEqualTo("a b c");
        assertThat(words("a /*M!999999\\- enable the sandbox mode */ c", MARIADB_10_11_19)).isEqualTo("a c");
        assertThat(words("a /*m!100000 b */ c", MARIADB_10_11_19)).isEqualTo("a c"); // only upper-case M
        assertThat(words("a /*! b */ c", MARIADB_10_11_19)).isEqualTo("a b c"); // no version: always
        assertThat(words("a /*!1234 b */ c", MARIADB_10_11_19)).isEqualTo("a 1234 b c"); // 4 digits: not a version
    }

    @Test
    void mysqlRules() {
        assertThat(words("a /*!80000 b */ c", MYSQL_8)).isEqualTo("a b c");
        assertThat(words("a /*!80037 b */ c", MYSQL_8)).isEqualTo("a c");
        assertThat(words("a /*M!100101 b */ c", MYSQL_8)).isEqualTo("a c");
    }

    @Test
    void theTwoExtremeReadings() {
        assertThat(words("a /*!99999 b */ /*M!999999 c */ /*!50700 d */ /*! e */ f", SqlDialect.EVERY_EXECUTABLE_COMMENT))
                .isEqualTo("a b c d e f");
        assertThat(words("a /*!99999 b */ /*M!999999 c */ /*!40101 d */ /*! e */ f", SqlDialect.NO_VERSIONED_COMMENT))
                .isEqualTo("a e f");
    }
}
