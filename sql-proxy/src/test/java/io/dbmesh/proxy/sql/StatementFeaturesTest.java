package io.dbmesh.proxy.sql;

import org.junit.jupiter.api.Test;

import static io.dbmesh.proxy.sql.StatementFeatures.*;
import static org.assertj.core.api.Assertions.assertThat;

class StatementFeaturesTest {

    private static boolean has(String sql, int flag) {
        return StatementFeatures.has(scan(sql), flag);
    }

    @Test
    void userVariableAssignmentsOutsideSet() {
        assertThat(has("SELECT @a := 1", ASSIGNS_USER_VARIABLE)).isTrue();
        assertThat(has("SELECT a INTO @x, @y FROM t", ASSIGNS_USER_VARIABLE)).isTrue();
        assertThat(has("SELECT @a, @b FROM t", ASSIGNS_USER_VARIABLE)).isFalse();
        assertThat(has("SELECT ':=' , '@a := 1'", ASSIGNS_USER_VARIABLE)).isFalse();
        assertThat(has("INSERT INTO t SELECT 1", ASSIGNS_USER_VARIABLE)).isFalse();
    }

    @Test
    void functionsThatNeedTheSameConnection() {
        assertThat(has("SELECT GET_LOCK('a', 1)", NAMED_LOCK)).isTrue();
        assertThat(has("SELECT get_lock ('a', 1)", NAMED_LOCK)).isTrue();
        assertThat(has("SELECT 'GET_LOCK(' FROM t", NAMED_LOCK)).isFalse();
        assertThat(has("SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 1", CALC_FOUND_ROWS)).isTrue();
        assertThat(has("SELECT LAST_INSERT_ID()", LAST_INSERT_ID)).isTrue();
        assertThat(has("SELECT last_insert_id_col FROM t", LAST_INSERT_ID)).isFalse();
    }

    @Test
    void sidecarAnsweredValues() {
        assertThat(has("SELECT @@max_allowed_packet", SIDECAR_VARIABLE)).isTrue();
        assertThat(has("SELECT @@session.max_allowed_packet", SIDECAR_VARIABLE)).isTrue();
        assertThat(has("SELECT @@version", SIDECAR_VARIABLE)).isTrue();
        assertThat(has("SELECT @@version_comment", SIDECAR_VARIABLE)).isTrue();
        assertThat(has("SELECT @@version_compile_os", SIDECAR_VARIABLE)).isFalse();
        assertThat(has("SELECT VERSION()", SIDECAR_FUNCTION)).isTrue();
        assertThat(has("SELECT DATABASE()", SIDECAR_FUNCTION)).isTrue();
        assertThat(has("SELECT version FROM t", SIDECAR_FUNCTION)).isFalse();
    }

    @Test
    void fromClauseAndLockingReads() {
        assertThat(has("SELECT a FROM t", HAS_FROM)).isTrue();
        assertThat(has("SELECT (SELECT a FROM t)", HAS_FROM)).isFalse();
        assertThat(has("SELECT a FROM t FOR UPDATE", LOCKING_READ)).isTrue();
        assertThat(has("SELECT a FROM t LOCK IN SHARE MODE", LOCKING_READ)).isTrue();
        assertThat(has("SELECT a FROM t FOR SHARE", LOCKING_READ)).isTrue();
        assertThat(has("SELECT 'for update' FROM t", LOCKING_READ)).isFalse();
    }
}
