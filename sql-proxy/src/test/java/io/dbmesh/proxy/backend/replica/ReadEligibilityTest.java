package io.dbmesh.proxy.backend.replica;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReadEligibilityTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM t WHERE id = 1",
            "select @@server_id",
            "  (SELECT a FROM t) UNION (SELECT a FROM u)",
            "SELECT 'FOR UPDATE', \"LOCK IN SHARE MODE\" FROM t",
            "SELECT REPLACE(name, 'a', 'b') FROM t",
            "SELECT @x, @@session.sql_mode",
            "SELECT * FROM t -- FOR UPDATE\n WHERE a = 1",
            "SELECT /* last_insert_id() */ 1",
            "WITH c AS (SELECT 1 AS a) SELECT * FROM c",
            "WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) SELECT n FROM c",
            "SELECT * FROM t FOR SYSTEM_TIME ALL",
            "SELECT `into`, `for` FROM t",
            "SELECT 'it''s', 'a\\'b' FROM t WHERE x = 'INTO'",
            "SELECT NOW(), RAND(), UUID()",
            "SELECT t.lock IN (1), t.into, x.for FROM t",
            "SELECT /*!40001 SQL_NO_CACHE */ * FROM t /* it's */ WHERE a = '?'",
    })
    void plainReadsMayGoToAReplica(String sql) {
        ReadEligibility e = ReadEligibility.of(sql);
        assertThat(e.replicaSafe()).as(e.reason()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO t VALUES (1)",
            "update t set a = 1",
            "DELETE FROM t",
            "REPLACE INTO t VALUES (1)",
            "CREATE TABLE t (a INT)",
            "SHOW SLAVE STATUS",
            "CALL p()",
            "SET @a = 1",
            "START TRANSACTION",
            "SELECT * FROM t WHERE id = 1 FOR UPDATE",
            "SELECT * FROM t FOR SHARE",
            "SELECT * FROM t LOCK IN SHARE MODE",
            "SELECT LAST_INSERT_ID()",
            "select last_insert_id ( )",
            "SELECT GET_LOCK('x', 1)",
            "SELECT RELEASE_LOCK('x')",
            "SELECT FOUND_ROWS()",
            "SELECT ROW_COUNT()",
            "SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 1",
            "SELECT @a := 1",
            "SELECT a INTO @x FROM t",
            "SELECT * FROM t INTO OUTFILE '/tmp/x'",
            "SELECT NEXTVAL(s)",
            "SELECT NEXT VALUE FOR s",
            "SELECT /*+ dbmesh:primary */ * FROM t",
            "/* dbmesh:primary */ SELECT 1",
            "SELECT 1 -- dbmesh:primary",
            "SELECT * FROM t /*!50000 FOR UPDATE */",
            // code on an old server only: the old lexer read every executable comment as code, so this was a SELECT
            "/*!99999 SELECT 1; */ UPDATE t SET a = 1",
            "SELECT * FROM t /*M!999999 FOR UPDATE */",
            "WITH c AS (SELECT 1) UPDATE t SET a = 1",
            "",
            "   ",
    })
    void everythingElseGoesToThePrimary(String sql) {
        ReadEligibility e = ReadEligibility.of(sql);
        assertThat(e.replicaSafe()).as(sql).isFalse();
        assertThat(e.reason()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void readOnlyTransactionsMayUseAReplica() {
        assertThat(ReadEligibility.of("START TRANSACTION READ ONLY").readOnlyTransaction()).isTrue();
        assertThat(ReadEligibility.of("start transaction with consistent snapshot, read only").replicaSafe()).isTrue();
        assertThat(ReadEligibility.of("START TRANSACTION READ WRITE").replicaSafe()).isFalse();
        assertThat(ReadEligibility.of("START TRANSACTION").replicaSafe()).isFalse();
        assertThat(ReadEligibility.of("SELECT 1").readOnlyTransaction()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void reasonsNameTheCause() {
        assertThat(ReadEligibility.of("SELECT * FROM t FOR UPDATE").reason()).contains("FOR UPDATE");
        assertThat(ReadEligibility.of("SELECT LAST_INSERT_ID()").reason()).contains("LAST_INSERT_ID");
        assertThat(ReadEligibility.of("SELECT /*+ dbmesh:primary */ 1").reason()).contains("hint");
    }
}
