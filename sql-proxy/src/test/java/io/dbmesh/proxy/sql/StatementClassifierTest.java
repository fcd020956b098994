package io.dbmesh.proxy.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatementClassifierTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT 1|SELECT",
            "  /* hint */ select * from t|SELECT",
            "(SELECT 1) UNION (SELECT 2)|SELECT",
            "WITH x AS (SELECT 1) SELECT * FROM x|SELECT",
            "insert into t values (1)|DML",
            "UPDATE t SET a = 1|DML",
            "DELETE FROM t|DML",
            "REPLACE INTO t VALUES (1)|DML",
            "SET NAMES utf8mb4|SET",
            "/*!40101 SET NAMES utf8 */|SET",
            "USE app|USE",
            "SHOW DATABASES|SHOW_DATABASES",
            "show schemas like 'a%'|SHOW_DATABASES",
            "SHOW VARIABLES LIKE 'max%'|SHOW_VARIABLES",
            "SHOW SESSION VARIABLES|SHOW_VARIABLES",
            "SHOW TABLES|SHOW",
            "DESCRIBE t|SHOW",
            "EXPLAIN SELECT 1|SHOW",
            "BEGIN|BEGIN",
            "BEGIN WORK|BEGIN",
            "START TRANSACTION READ ONLY|BEGIN",
            "BEGIN NOT ATOMIC SELECT 1; END|COMPOUND",
            "IF 1 THEN SELECT 1; END IF|COMPOUND",
            "WHILE @i < 3 DO SET @i = @i + 1; END WHILE|COMPOUND",
            "REPEAT SET @i = @i + 1; UNTIL @i > 3 END REPEAT|COMPOUND",
            "FOR i IN 1..3 DO SELECT i; END FOR|COMPOUND",
            "CASE @x WHEN 1 THEN SELECT 1; END CASE|COMPOUND",
            "LOOP LEAVE; END LOOP|COMPOUND",
            "outer_block: BEGIN NOT ATOMIC SELECT 1; END|COMPOUND",
            "/*!40101 SET TIME_ZONE='+00:00' */|SET",
            "SET STATEMENT max_statement_time = 1 FOR SELECT 1|COMPOUND",
            "SET statement_var = 1|SET",
            "/*M!999999\\- enable the sandbox mode */|OTHER",
            "/*!99999 SET x = 1 */ SELECT 1|SELECT",
            "/*!80000 SET x = 1 */ SELECT 1|SELECT",
            "/*M!100101 SET x = 1 */|SET",
            "COMMIT|COMMIT",
            "ROLLBACK|ROLLBACK",
            "ROLLBACK TO SAVEPOINT s|OTHER",
            "ROLLBACK WORK TO s|OTHER",
            "CALL p(1)|CALL",
            "FLUSH TABLES|OTHER",
            "CREATE TEMPORARY TABLE t (a INT)|CREATE_TEMPORARY_TABLE",
            "CREATE OR REPLACE TEMPORARY TABLE t (a INT)|CREATE_TEMPORARY_TABLE",
            "CREATE TABLE t (a INT)|DDL",
            "ALTER TABLE t ADD b INT|DDL",
            "DROP TABLE t|DDL",
            "TRUNCATE t|DDL",
            "LOCK TABLES t WRITE|LOCK_TABLES",
            "UNLOCK TABLES|UNLOCK_TABLES",
            "PREPARE s FROM 'SELECT 1'|SQL_PREPARED",
            "EXECUTE s|SQL_PREPARED",
            "DEALLOCATE PREPARE s|SQL_PREPARED",
            "HANDLER t OPEN|HANDLER",
            "XA START 'x'|XA",
            "DO 1|OTHER",
            "KILL 5|KILL",
            "KILL QUERY 5|KILL",
            "123|OTHER",
    })
    void classifiesByLeadingKeywords(String sql, StatementKind expected) {
        assertThat(StatementClassifier.classify(sql)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void loadLocalIsRecognised() {
        assertThat(StatementClassifier.isLoadLocal("LOAD DATA LOCAL INFILE 'x' INTO TABLE t")).isTrue();
        assertThat(StatementClassifier.isLoadLocal("load data concurrent local infile 'x' into table t")).isTrue();
        assertThat(StatementClassifier.isLoadLocal("LOAD DATA INFILE '/tmp/x' INTO TABLE t")).isFalse();
        assertThat(StatementClassifier.isLoadLocal("SELECT 1")).isFalse();
    }
}
