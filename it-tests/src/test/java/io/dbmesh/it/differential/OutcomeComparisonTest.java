package io.dbmesh.it.differential;

import io.dbmesh.it.differential.CorpusStatement.Expectation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison must fail on every kind of difference, or the differential test proves nothing. */
class OutcomeComparisonTest {
    private static final CorpusStatement UNORDERED = statement("SELECT a, b FROM t", new Expectation.SameResult());
    private static final CorpusStatement ORDERED = statement("SELECT a, b FROM t ORDER BY a", new Expectation.SameResult());

    @Test
    void equalRowsInAnyOrderAgreeWithoutOrderBy() {
        assertThat(OutcomeComparison.compare(UNORDERED, false, rows(row("1", "x"), row("2", null)),
                rows(row("2", null), row("1", "x")))).isEmpty();
    }

    @Test
    void orderMattersWithTopLevelOrderBy() {
        assertThat(OutcomeComparison.compare(ORDERED, false, rows(row("1", "x"), row("2", "y")),
                rows(row("2", "y"), row("1", "x"))))
                .hasValueSatisfying(d -> assertThat(d).contains("same rows, different order").contains("row 1:"));
    }

    @Test
    void reportsMissingAndExtraRows() {
        assertThat(OutcomeComparison.compare(UNORDERED, false, rows(row("1", "x"), row("1", "x")),
                rows(row("1", "x"), row("1", null))))
                .hasValueSatisfying(d -> assertThat(d)
                        .contains("1 expected but missing from the actual side:\n    ('1', 'x')")
                        .contains("1 unexpected on the actual side:\n    ('1', NULL)"));
    }

    @Test
    void nullDiffersFromTheStringNull() {
        assertThat(OutcomeComparison.compare(UNORDERED, false, rows(row("1", null)), rows(row("1", "NULL")))).isPresent();
    }

    @Test
    void labelsMustMatch() {
        assertThat(OutcomeComparison.compare(UNORDERED, false, rows(row("1", "x")),
                new Outcome.Rows(List.of("a", "B"), List.of(row("1", "x")))))
                .hasValueSatisfying(d -> assertThat(d).contains("column labels differ"));
    }

    @Test
    void updateCountsAndErrors() {
        assertThat(OutcomeComparison.compare(UNORDERED, false, new Outcome.UpdateCount(2), new Outcome.UpdateCount(2))).isEmpty();
        assertThat(OutcomeComparison.compare(UNORDERED, false, new Outcome.UpdateCount(2), new Outcome.UpdateCount(1))).isPresent();
        assertThat(OutcomeComparison.compare(UNORDERED, false, new Outcome.UpdateCount(1), failure(1146, "no table")))
                .hasValueSatisfying(d -> assertThat(d).contains("ERROR 1146"));
        assertThat(OutcomeComparison.compare(UNORDERED, false, failure(1064, "syntax"), failure(1064, "syntax")))
                .hasValueSatisfying(d -> assertThat(d).contains("corpus error"));
    }

    @Test
    void expectedErrorsMustHaveTheCode() {
        CorpusStatement duplicate = statement("INSERT INTO t VALUES (1)", new Expectation.SameError(1062));
        assertThat(OutcomeComparison.compare(duplicate, true, failure(1062, "dup"), failure(1062, "dup"))).isEmpty();
        assertThat(OutcomeComparison.compare(duplicate, true, failure(1062, "dup"), new Outcome.UpdateCount(1))).isPresent();
    }

    @Test
    void shardedRejectionsMustNameTheFeatureOnlyWhenSharded() {
        CorpusStatement rejected = statement("UPDATE t SET k = 1", new Expectation.ShardedRejects(1235, "shard key"));
        Outcome refused = failure(1235, "This version of dbmesh doesn't yet support 'changing the shard key'");
        assertThat(OutcomeComparison.compare(rejected, true, new Outcome.UpdateCount(0), refused)).isEmpty();
        assertThat(OutcomeComparison.compare(rejected, true, new Outcome.UpdateCount(0), failure(1235, "something else"))).isPresent();
        assertThat(OutcomeComparison.compare(rejected, true, new Outcome.UpdateCount(0), new Outcome.UpdateCount(0))).isPresent();
        assertThat(OutcomeComparison.compare(rejected, false, new Outcome.UpdateCount(0), new Outcome.UpdateCount(0))).isEmpty();
    }

    private static CorpusStatement statement(String sql, Expectation expectation) {
        return new CorpusStatement("t.sql", 1, "test", sql, List.of(), expectation);
    }

    private static Outcome.Rows rows(List<String>... rows) {
        return new Outcome.Rows(List.of("a", "b"), Arrays.asList(rows));
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    private static Outcome.Failure failure(int code, String message) {
        return new Outcome.Failure(code, "HY000", message);
    }
}
