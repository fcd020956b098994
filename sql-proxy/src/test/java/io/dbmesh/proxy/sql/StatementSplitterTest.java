package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.SqlDialect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementSplitterTest {

    @Test
    void singleStatementIsReturnedAsIs() {
        assertThat(StatementSplitter.split("SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void splitsAtTopLevelSemicolonsAndDropsEmptyOnes() {
        assertThat(StatementSplitter.split("SELECT 1; SELECT 2;;\n")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void semicolonsInsideQuotesCommentsAndIdentifiersDoNotSplit() {
        assertThat(StatementSplitter.split("SELECT 'a;b', \"c;d\", `e;f` FROM t; SELECT 'it''s;' ; SELECT 'x\\';y'"))
                .containsExactly("SELECT 'a;b', \"c;d\", `e;f` FROM t", "SELECT 'it''s;'", "SELECT 'x\\';y'");
        assertThat(StatementSplitter.split("SELECT 1 /* ; */ ; SELECT 2 -- ;\n; SELECT 3 # ;\n"))
                .containsExactly("SELECT 1 /* ; */", "SELECT 2 -- ;", "SELECT 3 # ;");
    }

    @Test
    void doubleDashWithoutSpaceIsAnOperator() {
        assertThat(StatementSplitter.split("SELECT 1--1; SELECT 2")).containsExactly("SELECT 1--1", "SELECT 2");
    }

    @Test
    void executableCommentsAreCode() {
        assertThat(StatementSplitter.split("/*!40101 SET NAMES utf8 */; SELECT 1"))
                .containsExactly("/*!40101 SET NAMES utf8 */", "SELECT 1");
    }

    @Test
    void storedProgramBodiesStayWhole() {
        String proc = "CREATE PROCEDURE p() BEGIN DECLARE x INT; IF x THEN SELECT 1; END IF; "
                + "CASE x WHEN 1 THEN SELECT 2; END CASE; SELECT CASE WHEN x THEN 1 END; "
                + "l: LOOP LEAVE l; END LOOP; BEGIN SELECT 3; END; END";
        assertThat(StatementSplitter.split(proc + "; CALL p()")).containsExactly(proc, "CALL p()");
        String trigger = "CREATE DEFINER=`root`@`%` TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1";
        assertThat(StatementSplitter.split(trigger + "; SELECT 1")).containsExactly(trigger, "SELECT 1");
        String anonymous = "BEGIN NOT ATOMIC SELECT 1; SELECT 2; END";
        assertThat(StatementSplitter.split(anonymous + "; SELECT 3")).containsExactly(anonymous, "SELECT 3");
    }

    @Test
    void transactionBeginIsNotABlock() {
        assertThat(StatementSplitter.split("BEGIN; INSERT INTO t VALUES (1); COMMIT"))
                .containsExactly("BEGIN", "INSERT INTO t VALUES (1)", "COMMIT");
        assertThat(StatementSplitter.split("XA BEGIN 'x'; SELECT 1")).containsExactly("XA BEGIN 'x'", "SELECT 1");
    }

    @Test
    void allEmptyTextYieldsOneEmptyStatement() {
        assertThat(StatementSplitter.split(" ; ")).containsExactly("");
    }

    @Test
    void aCommentThatDoesNotApplyHidesItsSemicolons() {
        assertThat(StatementSplitter.split("SELECT 1 /*!999999 ; SELECT 2 */; SELECT 3", SqlDialect.of("10.11.19-MariaDB")))
                .containsExactly("SELECT 1 /*!999999 ; SELECT 2 */", "SELECT 3");
    }
}
