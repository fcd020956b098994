package io.dbmesh.proxy.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementPrivilegesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SET GLOBAL max_connections = 10",
            "SET @@global.max_connections = 10",
            "SET @@GLOBAL.max_connections = 10",
            "SET sql_log_bin = 0",
            "SET SESSION sql_log_bin = 0",
            "SET @@session.sql_log_bin = 0",
            "SET PASSWORD = PASSWORD('x')",
            "SET GLOBAL TRANSACTION ISOLATION LEVEL READ COMMITTED",
            "SET STATEMENT max_statement_time = 1 FOR GRANT ALL ON *.* TO x",
            "CREATE USER x IDENTIFIED BY 'y'",
            "DROP USER x",
            "ALTER USER root IDENTIFIED BY 'y'",
            "RENAME USER a TO b",
            "CREATE ROLE r",
            "GRANT ALL ON *.* TO x",
            "REVOKE ALL ON *.* FROM x",
            "SHUTDOWN",
            "INSTALL PLUGIN x SONAME 'x.so'",
            "INSTALL SONAME 'x'",
            "UNINSTALL PLUGIN x",
            "FLUSH PRIVILEGES",
            "RESET MASTER",
            "CHANGE MASTER TO MASTER_HOST = 'x'",
            "PURGE BINARY LOGS BEFORE NOW()",
            "START SLAVE",
            "STOP REPLICA",
            "SELECT LOAD_FILE('/etc/passwd')",
            "SELECT * FROM t INTO OUTFILE '/tmp/x'",
            "SELECT * FROM t INTO DUMPFILE '/tmp/x'",
            "LOAD DATA INFILE '/etc/passwd' INTO TABLE t",
            "CREATE TABLE t (a INT) DATA DIRECTORY = '/tmp'",
            "CREATE FUNCTION f RETURNS STRING SONAME 'x.so'",
            "BEGIN NOT ATOMIC GRANT ALL ON *.* TO x; END",
            "BEGIN NOT ATOMIC SET @@global.max_connections = 10; END",
            "BEGIN NOT ATOMIC SET sql_log_bin = 0; END",
            "BEGIN NOT ATOMIC KILL 5; END",
            "CREATE PROCEDURE p() BEGIN CREATE USER x; END",
            "CREATE DEFINER = root@localhost PROCEDURE p() SHUTDOWN",
            "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO FLUSH LOGS",
            "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SELECT LOAD_FILE('/etc/passwd') INTO @x; END",
            "IF 1 THEN SHOW PROCESSLIST; END IF",
    })
    void needsAnAdmin(String sql) throws Exception {
        assertThat(StatementPrivileges.required(sql, false)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1", "SET @x = 1", "SET time_zone = '+00:00'", "SET NAMES utf8mb4", "SELECT * FROM t INTO @x",
            "SELECT @@global.max_connections", "CREATE TABLE t (reset INT)", "INSERT INTO t VALUES ('GRANT ALL')",
            "LOAD DATA LOCAL INFILE 'x' INTO TABLE t", "SET SESSION TRANSACTION READ ONLY",
            "CREATE PROCEDURE p() BEGIN SELECT * FROM t USE INDEX (i); END",
    })
    void needsNothing(String sql) throws Exception {
        assertThat(StatementPrivileges.required(sql, false)).isNull();
    }

    @Test
    void dynamicSqlIsReturnedForChecking() throws Exception {
        assertThat(StatementPrivileges.dynamicSql("PREPARE s FROM 'KILL 5'", false)).containsExactly("KILL 5");
        assertThat(StatementPrivileges.dynamicSql("PREPARE s FROM 'SELECT 1' ' FROM mysql.user'", false))
                .containsExactly("SELECT 1 FROM mysql.user");
        assertThat(StatementPrivileges.dynamicSql("EXECUTE IMMEDIATE 'SELECT ?' USING 1", false)).containsExactly("SELECT ?");
        assertThat(StatementPrivileges.dynamicSql("BEGIN NOT ATOMIC PREPARE s FROM 'SHUTDOWN'; EXECUTE s; END", false))
                .containsExactly("SHUTDOWN");
        assertThat(StatementPrivileges.dynamicSql("EXECUTE s USING @a", false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PREPARE s FROM @q", "EXECUTE IMMEDIATE @q", "EXECUTE IMMEDIATE CONCAT('KI', 'LL 5')",
            "PREPARE s FROM x'4B494C4C2035'", "CREATE PROCEDURE p(q TEXT) BEGIN PREPARE s FROM q; EXECUTE s; END"})
    void dynamicSqlFromAnythingButALiteralIsRefused(String sql) {
        assertThatThrownBy(() -> StatementPrivileges.dynamicSql(sql, false)).isInstanceOf(StatementPrivileges.Unanalysable.class);
    }
}
