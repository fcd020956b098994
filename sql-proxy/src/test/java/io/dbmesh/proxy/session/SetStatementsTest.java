package io.dbmesh.proxy.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** SET autocommit=1 ends an xa transaction; only a real assignment counts. */
class SetStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {"SET autocommit=1", "set AUTOCOMMIT = ON", "SET @@session.autocommit := 'true', sql_mode = ''",
            "SET autocommit=1/* app */", "/* app */ SET autocommit = 1;"})
    void assignsAutocommitOn(String sql) {
        assertThat(SetStatements.turnsAutocommitOn(sql)).isTrue();
    }

    /** The regex over the raw text matched inside strings and comments too (and committed the xa transaction). */
    @ParameterizedTest
    @ValueSource(strings = {"SET autocommit=0", "SET @note = 'autocommit=1 '", "SET @a = 1 /* autocommit=1 */", "SET @a = 1 -- autocommit=1"})
    void doesNot(String sql) {
        assertThat(SetStatements.turnsAutocommitOn(sql)).isFalse();
    }
}
