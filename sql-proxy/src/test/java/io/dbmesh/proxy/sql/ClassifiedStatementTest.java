package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Kind and features from the one lexing are those the classifier and the feature scan find on their own. */
class ClassifiedStatementTest {

    private static final SqlDialect MARIADB = SqlDialect.of("10.11.19-MariaDB");

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT LAST_INSERT_ID(), @@version, DATABASE() FROM t FOR UPDATE",
            "(SELECT 1) UNION (SELECT 2)",
            "SET STATEMENT max_statement_time = 1 FOR SELECT SLEEP(2)",
            "/*!40101 SET NAMES utf8mb4 */",
            "/*!999999 SELECT 1 */ INSERT INTO t VALUES (?)",
            "CREATE OR REPLACE TEMPORARY TABLE t (a INT)",
            "SELECT a INTO @x FROM t -- LOCK IN SHARE MODE",
            "SHOW GLOBAL VARIABLES LIKE 'x'",
            "START TRANSACTION READ ONLY",
            "LOCK TABLES t WRITE",
            "SELECT 'unterminated",
            "",
    })
    void sameAsTheSeparateScans(String sql) {
        ClassifiedStatement c = ClassifiedStatement.of(sql, MARIADB);
        assertThat(c.kind()).isEqualTo(StatementClassifier.classify(sql, MARIADB));
        assertThat(c.features()).isEqualTo(StatementFeatures.scan(sql, MARIADB));
        assertThat(c.sql()).isSameAs(sql);
    }
}
