package io.dbmesh.sharding.federation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbSpellingsTest {

    @Test
    void respellsWhatCalciteNamesOtherwise() {
        assertThat(MariaDbSpellings.toCalcite("SELECT ATAN(o.amount, 3), atan(x) FROM t"))
                .isEqualTo("SELECT ATAN2(o.amount, 3), ATAN(x) FROM t");
        assertThat(MariaDbSpellings.toCalcite("SELECT IFNULL(a, 'x,y'), ucase(b), LCase(c) FROM t"))
                .isEqualTo("SELECT COALESCE(a, 'x,y'), UPPER(b), LOWER(c) FROM t");
    }

    @Test
    void ifBecomesCaseWithNestedCallsAndLiteralsKeptWhole() {
        assertThat(MariaDbSpellings.toCalcite("SELECT IF(a > 1, IF(b, 'p(,', c), IFNULL(d, 0)) AS x FROM t WHERE y = 'IF(z)'"))
                .isEqualTo("SELECT (CASE WHEN a > 1 THEN  (CASE WHEN b THEN  'p(,' ELSE  c END) ELSE  COALESCE(d, 0) END) AS x"
                        + " FROM t WHERE y = 'IF(z)'");
    }

    @Test
    void leavesOtherNamesAndUnbalancedTextAlone() {
        assertThat(MariaDbSpellings.toCalcite("SELECT t.if_x, MODIF(a), `IF`(b) FROM t")).isEqualTo("SELECT t.if_x, MODIF(a), `IF`(b) FROM t");
        assertThat(MariaDbSpellings.toCalcite("SELECT IF(a, b")).isEqualTo("SELECT IF(a, b");
    }
}
