package io.dbmesh.sharding.federation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalciteStringsTest {

    @Test
    void escapedLiteralsBecomeStandardStrings() {
        assertThat(CalciteStrings.standard("SELECT count(*) FROM (SELECT * FROM t WHERE name = 'O\\'Neil \\\\ back \\\"q\\\" \\\\\\' end') AS a"))
                .isEqualTo("SELECT count(*) FROM (SELECT * FROM t WHERE name = 'O''Neil \\ back \"q\" \\'' end') AS a");
        assertThat(CalciteStrings.standard("SELECT 'a\\nb', 'it''s\\t', \"x\\\"\"\"y\"")).isEqualTo("SELECT 'a\nb', 'it''s\t', 'x\"\"y'");
        assertThat(CalciteStrings.standard("SELECT 'a\\%b' LIKE 'a\\_b'")).isEqualTo("SELECT 'a\\%b' LIKE 'a\\_b'");
    }

    @Test
    void otherTextIsLeftAlone() {
        String sql = "SELECT `a\\'b`, 'it''s', \"plain\" FROM t /* don\\'t */ WHERE x = 1 -- it\\'s\n";
        assertThat(CalciteStrings.standard(sql)).isSameAs(sql);
        assertThat(CalciteStrings.standard("SELECT 1")).isEqualTo("SELECT 1");
    }
}
