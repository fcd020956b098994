package io.dbmesh.proxy.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShowFiltersAndConvertTest {

    @Test
    void routineStatusIsFilteredToTheGivenSchemas() {
        assertThat(ShowFilters.filter("SHOW PROCEDURE STATUS", "'a'", null)).isEqualTo("SHOW PROCEDURE STATUS WHERE `Db` IN ('a')");
        assertThat(ShowFilters.filter("SHOW FUNCTION STATUS LIKE 'f%'", "'a'", null))
                .isEqualTo("SHOW FUNCTION STATUS WHERE `Db` IN ('a') AND `Name` LIKE 'f%'");
        assertThat(ShowFilters.filter("SHOW PROCEDURE STATUS WHERE Db = 'x' OR 1", "'a'", null))
                .isEqualTo("SHOW PROCEDURE STATUS WHERE `Db` IN ('a') AND ( Db = 'x' OR 1)");
        assertThat(ShowFilters.filter("SHOW OPEN TABLES", "'a'", "`p`")).isEqualTo("SHOW OPEN TABLES FROM `p`");
        assertThat(ShowFilters.filter("SHOW OPEN TABLES FROM x", "'a'", "`p`")).isEqualTo("SHOW OPEN TABLES FROM x");
        assertThat(ShowFilters.filter("SHOW TABLES", "'a'", "`p`")).isEqualTo("SHOW TABLES");
        assertThat(ShowFilters.stringList(List.of("a'b"))).isEqualTo("CONVERT(X'612762' USING utf8mb4)");
    }

    @Test
    void convertToATypeBecomesCast() {
        assertThat(ConvertToCast.rewrite("SELECT CONVERT (CASE a WHEN 1 THEN 2 ELSE f(b, c) END, UNSIGNED INTEGER) x FROM t"))
                .isEqualTo("SELECT CAST (CASE a WHEN 1 THEN 2 ELSE f(b, c) END AS UNSIGNED INTEGER) x FROM t");
        assertThat(ConvertToCast.rewrite("SELECT CONVERT(x USING utf8mb4), CONVERT(y, CHAR)")).isEqualTo(
                "SELECT CONVERT(x USING utf8mb4), CONVERT(y, CHAR)");
        assertThat(ConvertToCast.mayApply("select 1")).isFalse();
    }
}
