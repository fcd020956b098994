package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlDialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SetStatementParserTest {

    @Test
    void systemVariablesInEveryScopeSyntax() {
        assertThat(SetStatementParser.parse("SET time_zone = '+00:00', SESSION sql_mode='ANSI', @@session.wait_timeout := 10,"
                + " @@autocommit=0, LOCAL net_read_timeout = 5, @@global.max_connections = 10, GLOBAL x = 1"))
                .containsExactly(
                        new SetAssignment.SystemVariable(false, "time_zone", "'+00:00'", true),
                        new SetAssignment.SystemVariable(false, "sql_mode", "'ANSI'", true),
                        new SetAssignment.SystemVariable(false, "wait_timeout", "10", true),
                        new SetAssignment.SystemVariable(false, "autocommit", "0", true),
                        new SetAssignment.SystemVariable(false, "net_read_timeout", "5", true),
                        new SetAssignment.SystemVariable(true, "max_connections", "10", true),
                        new SetAssignment.SystemVariable(true, "x", "1", true));
    }

    @Test
    void computedValuesAreMarkedForReadBack() {
        List<SetAssignment> a = SetStatementParser.parse("SET sql_mode = CONCAT(@@sql_mode, ',STRICT'), @x = NOW(), @y = -1, @Z = CURRENT_TIMESTAMP, @n = NULL");
        assertThat(a).containsExactly(
                new SetAssignment.SystemVariable(false, "sql_mode", "CONCAT(@@sql_mode, ',STRICT')", false),
                new SetAssignment.UserVariable("@x", "NOW()", false),
                new SetAssignment.UserVariable("@y", "-1", true),
                new SetAssignment.UserVariable("@z", "CURRENT_TIMESTAMP", false),
                new SetAssignment.UserVariable("@n", "NULL", true));
    }

    @Test
    void namesCharsetAndTransactions() {
        assertThat(SetStatementParser.parse("SET NAMES utf8mb4 COLLATE utf8mb4_bin, time_zone = 'UTC'")).containsExactly(
                new SetAssignment.Charset("NAMES utf8mb4 COLLATE utf8mb4_bin"),
                new SetAssignment.SystemVariable(false, "time_zone", "'UTC'", true));
        assertThat(SetStatementParser.parse("SET CHARACTER SET latin1")).containsExactly(new SetAssignment.Charset("CHARACTER SET latin1"));
        assertThat(SetStatementParser.parse("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ ONLY"))
                .containsExactly(new SetAssignment.Transaction(SetAssignment.Transaction.Scope.NEXT));
        assertThat(SetStatementParser.parse("SET SESSION TRANSACTION READ ONLY"))
                .containsExactly(new SetAssignment.Transaction(SetAssignment.Transaction.Scope.SESSION));
    }

    /** The head and tail of a default mariadb-dump file: values never include a comment's closing marker. */
    @Test
    void executableCommentsOfADump() {
        assertThat(SetStatementParser.parse("/*!40103 SET TIME_ZONE='+00:00' */")).containsExactly(
                new SetAssignment.SystemVariable(false, "time_zone", "'+00:00'", true));
        assertThat(SetStatementParser.parse("/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */")).containsExactly(
                new SetAssignment.UserVariable("@old_unique_checks", "@@UNIQUE_CHECKS", false),
                new SetAssignment.SystemVariable(false, "unique_checks", "0", true));
        assertThat(SetStatementParser.parse("/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */")).containsExactly(
                new SetAssignment.UserVariable("@old_sql_mode", "@@SQL_MODE", false),
                new SetAssignment.SystemVariable(false, "sql_mode", "'NO_AUTO_VALUE_ON_ZERO'", true));
        assertThat(SetStatementParser.parse("/*!40101 SET NAMES utf8mb4 */")).containsExactly(new SetAssignment.Charset("NAMES utf8mb4"));
        assertThat(SetStatementParser.parse("/*!40101 SET character_set_client = @saved_cs_client */")).containsExactly(
                new SetAssignment.SystemVariable(false, "character_set_client", "@saved_cs_client", false));
        assertThat(SetStatementParser.parse("SET a = 1 /*!99999 , b = 2 */, c = 3")).containsExactly(
                new SetAssignment.SystemVariable(false, "a", "1", true),
                new SetAssignment.SystemVariable(false, "c", "3", true));
        assertThat(SetStatementParser.parse("SET a = 1 /*!40101 , b = 2 */")).containsExactly(
                new SetAssignment.SystemVariable(false, "a", "1", true),
                new SetAssignment.SystemVariable(false, "b", "2", true));
        assertThat(SetStatementParser.parse("/*M!100101 SET x = 'y' */", SqlDialect.of("8.0.36"))).containsExactly(new SetAssignment.Other("?"));
    }

    @Test
    void statementsTheSessionCannotTrack() {
        assertThat(SetStatementParser.parse("SET ROLE admin")).containsExactly(new SetAssignment.Other("ROLE"));
        assertThat(SetStatementParser.parse("SET PASSWORD = PASSWORD('x')")).containsExactly(new SetAssignment.Other("PASSWORD"));
        assertThat(SetStatementParser.parse("SET STATEMENT max_statement_time=1 FOR SELECT 1"))
                .containsExactly(new SetAssignment.Other("STATEMENT"));
        assertThat(SetStatementParser.parse("SET @a")).containsExactly(new SetAssignment.Other("?"));
    }
}
