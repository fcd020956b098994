package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FederatedSqlCheckTest {

    @Test
    void refusesConstructsWhoseMeaningDiffersInCalcite() {
        assertThatThrownBy(() -> FederatedSqlCheck.check("SELECT STDDEV(qty) FROM t")).isInstanceOf(ShardingException.class)
                .hasMessageContaining("'STDDEV in a query over differently sharded tables'");
        assertThatThrownBy(() -> FederatedSqlCheck.check("SELECT std (qty) FROM t")).hasMessageContaining("STD in");
        assertThatThrownBy(() -> FederatedSqlCheck.check("SELECT variance(x) FROM t")).hasMessageContaining("VARIANCE");
        assertThatThrownBy(() -> FederatedSqlCheck.check("SELECT qty DIV 2 FROM t")).hasMessageContaining("DIV");
        assertThatThrownBy(() -> FederatedSqlCheck.check("SELECT SUM(a) / COUNT(*) FROM t")).hasMessageContaining("division (/)");
    }

    @Test
    void castAsCharMeansAnUnboundedString() {
        org.assertj.core.api.Assertions.assertThat(FederatedSqlCheck.toCalcite("SELECT CAST(a AS CHAR), CAST(b AS char ), 'AS CHAR)' FROM t", false))
                .isEqualTo("SELECT CAST(a AS VARCHAR), CAST(b AS VARCHAR), 'AS CHAR)' FROM t");
        org.assertj.core.api.Assertions.assertThat(FederatedSqlCheck.toCalcite("SELECT CAST(a AS CHAR(3))", false)).isEqualTo("SELECT CAST(a AS CHAR(3))");
    }

    @Test
    void syntaxErrorsNameTheTextAtTheirPosition() {
        org.assertj.core.api.Assertions.assertThat(CalciteFederation.near("Encountered \"WITH\" at line 1, column 10.", "SELECT a WITH ROLLUP x"))
                .isEqualTo(" near 'WITH ROLLUP x'");
    }

    @Test
    void acceptsLookAlikesInLiteralsIdentifiersAndComments() {
        assertThatCode(() -> FederatedSqlCheck.check("SELECT STDDEV_POP(qty), VAR_SAMP(qty), 'a/b', `std(` /* c */ FROM t WHERE s = 'DIV'"))
                .doesNotThrowAnyException();
    }

    /** The old literal blanking did not know comments: an apostrophe in one hid the rest of the statement. */
    @Test
    void commentsAreReadAsCommentsNotAsTheStartOfAString() {
        assertThatThrownBy(() -> FederatedSqlCheck.check("-- MariaDB's scales\nSELECT amount / 3 FROM t")).hasMessageContaining("division (/)");
        assertThatCode(() -> FederatedSqlCheck.check("SELECT a FROM t -- a/b, STD(x)\n WHERE b = 1 # DIV")).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(FederatedSqlCheck.toCalcite("-- counted AS value\nSELECT a FROM t", false))
                .isEqualTo("-- counted AS value\nSELECT a FROM t");
    }
}
