package io.dbmesh.proxy.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which COMMIT / ROLLBACK end the transaction plainly (in xa mode: the global commit or rollback). */
class TransactionEndTest {

    /** Comments are nothing: the regex over the raw text read these as COMMIT AND CHAIN / RELEASE (refused in xa mode). */
    @ParameterizedTest
    @ValueSource(strings = {"COMMIT", "rollback work;", "COMMIT /* app: checkout */", "/* tx 42 */ ROLLBACK", "COMMIT -- done\n", "COMMIT # done"})
    void plain(String sql) {
        assertThat(TransactionEnd.plain(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT AND CHAIN", "ROLLBACK TO SAVEPOINT s", "COMMIT RELEASE", "COMMIT /*!50000 AND CHAIN */", "COMMIT 'x'"})
    void notPlain(String sql) {
        assertThat(TransactionEnd.plain(sql)).isFalse();
    }
}
