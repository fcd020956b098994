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
    void acceptsLookAlikesInLiteralsIdentifiersAndComments() {
        assertThatCode(() -> FederatedSqlCheck.check("SELECT STDDEV_POP(qty), VAR_SAMP(qty), 'a/b', `std(` /* c */ FROM t WHERE s = 'DIV'"))
                .doesNotThrowAnyException();
    }
}
