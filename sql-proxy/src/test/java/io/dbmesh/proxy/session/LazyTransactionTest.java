package io.dbmesh.proxy.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a data source joining a local-mode transaction runs, and the savepoint statements it is built from. */
class LazyTransactionTest {

    @Test
    void savepointStatementsAreRecognisedAndOthersNot() {
        assertThat(SavepointStatement.parse("SAVEPOINT a")).isEqualTo(new SavepointStatement(SavepointStatement.Action.SET, "a", "a"));
        assertThat(SavepointStatement.parse("rollback work to savepoint `My sp`;"))
                .isEqualTo(new SavepointStatement(SavepointStatement.Action.ROLLBACK_TO, "`My sp`", "my sp"));
        assertThat(SavepointStatement.parse("ROLLBACK TO B").action()).isEqualTo(SavepointStatement.Action.ROLLBACK_TO);
        assertThat(SavepointStatement.parse("/* x */ RELEASE SAVEPOINT c").sql()).isEqualTo("RELEASE SAVEPOINT c");
        assertThat(SavepointStatement.parse("ROLLBACK")).isNull();
        assertThat(SavepointStatement.parse("RELEASE_LOCK('x')")).isNull();
        assertThat(SavepointStatement.parse("SAVEPOINT a b")).isNull();
    }

    @Test
    void transactionStartReadsItsCharacteristics() {
        assertThat(TransactionStart.of("BEGIN")).isEqualTo(new TransactionStart(false, false));
        assertThat(TransactionStart.of("START TRANSACTION READ ONLY")).isEqualTo(new TransactionStart(true, false));
        assertThat(TransactionStart.of("start transaction with consistent snapshot, read write"))
                .isEqualTo(new TransactionStart(false, true));
        assertThat(TransactionStart.of("START TRANSACTION /* READ ONLY */")).isEqualTo(new TransactionStart(false, false));
    }

    @Test
    void aJoiningDataSourceRunsTheCharacteristicsTheBeginAndTheSavepointsSoFar() {
        LazyTransaction t = new LazyTransaction("START TRANSACTION READ ONLY", true,
                List.of("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"));
        assertThat(t.joining()).containsExactly("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "START TRANSACTION READ ONLY");
        t.savepoints.applied(SavepointStatement.parse("SAVEPOINT a"));
        t.savepoints.applied(SavepointStatement.parse("SAVEPOINT b"));
        t.savepoints.applied(SavepointStatement.parse("SAVEPOINT A")); // replaces a, now last
        assertThat(t.joining()).endsWith("SAVEPOINT b", "SAVEPOINT A");
        t.savepoints.applied(SavepointStatement.parse("ROLLBACK TO b")); // drops A, set after b
        assertThat(t.savepoints.has("a")).isFalse();
        t.savepoints.applied(SavepointStatement.parse("SAVEPOINT c"));
        t.savepoints.applied(SavepointStatement.parse("RELEASE SAVEPOINT b")); // drops b and c
        assertThat(t.joining()).containsExactly("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "START TRANSACTION READ ONLY");
    }

    @Test
    void autocommitOffSendsNothingUntilASavepointNeedsTheTransactionOpen() {
        LazyTransaction t = new LazyTransaction(null, false, List.of());
        assertThat(t.explicit()).isFalse();
        assertThat(t.joining()).isEmpty();
        t.savepoints.applied(SavepointStatement.parse("SAVEPOINT s"));
        assertThat(t.joining()).containsExactly("START TRANSACTION", "SAVEPOINT s");
    }

    @Test
    void onlyAPlainBeginWithNothingElseToRunMayGoWithTheFirstStatement() {
        assertThat(new LazyTransaction("BEGIN", false, List.of()).beginWithStatement()).isEqualTo("BEGIN");
        assertThat(new LazyTransaction("start transaction read write;", false, List.of()).beginWithStatement())
                .isEqualTo("start transaction read write;");
        assertThat(LazyTransaction.isPlainBegin("BEGIN WORK")).isTrue();
        assertThat(LazyTransaction.isPlainBegin("START TRANSACTION READ ONLY")).isTrue();
        // a snapshot, a comment (executable or not), two characteristics: sent on their own
        assertThat(LazyTransaction.isPlainBegin("START TRANSACTION WITH CONSISTENT SNAPSHOT")).isFalse();
        assertThat(LazyTransaction.isPlainBegin("/*!40101 SET @x = 1 */ BEGIN")).isFalse();
        assertThat(LazyTransaction.isPlainBegin("START TRANSACTION READ ONLY, READ WRITE")).isFalse();
        assertThat(LazyTransaction.isPlainBegin("BEGIN; DELETE FROM t")).isFalse();
        // SET TRANSACTION before it, savepoints after it, autocommit=0: the joining data source runs them first
        assertThat(new LazyTransaction("BEGIN", false, List.of("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
                .beginWithStatement()).isNull();
        LazyTransaction withSavepoint = new LazyTransaction("BEGIN", false, List.of());
        withSavepoint.savepoints.applied(SavepointStatement.parse("SAVEPOINT a"));
        assertThat(withSavepoint.beginWithStatement()).isNull();
        assertThat(new LazyTransaction(null, false, List.of()).beginWithStatement()).isNull();
    }
}
