package io.dbmesh.it.differential;

import io.dbmesh.it.differential.CorpusStatement.Expectation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusReaderTest {

    @Test
    void readsStatementsWithDescriptionsParametersAndExpectations() {
        String text = """
                -- ==== a section header that is not a description
                -- First statement,
                -- described on two lines.
                SELECT 1;

                -- Prepared.
                -- @params: 7, 'O''Brien', 1.50, NULL, TIMESTAMP'2024-02-03 04:05:06', DATE'2024-02-03'
                SELECT a FROM t
                  WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ? AND f = ?;
                -- Executed three times.
                -- @params: 1, 'a|b' | 2, 'c' | NULL, 'd'
                SELECT ?, ?;
                -- Duplicate.
                -- @error: 1062
                INSERT INTO t VALUES (1);
                -- Unsupported when sharded.
                -- @sharded-rejects: shard key
                UPDATE t SET k = 1;
                -- Refused by design with another code.
                -- @sharded-rejects: 1105 sharding column
                UPDATE t SET k = 2;
                """;
        List<CorpusStatement> statements = CorpusReader.read("x.sql", text);

        assertThat(statements).hasSize(6);
        CorpusStatement first = statements.get(0);
        assertThat(first.description()).isEqualTo("First statement, described on two lines.");
        assertThat(first.sql()).isEqualTo("SELECT 1");
        assertThat(first.line()).isEqualTo(4);
        assertThat(first.expectation()).isEqualTo(new Expectation.SameResult());

        CorpusStatement prepared = statements.get(1);
        assertThat(prepared.sql()).isEqualTo("SELECT a FROM t\n  WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ? AND f = ?");
        assertThat(prepared.parameters()).containsExactly(
                new ParameterValue.IntegerValue(7), new ParameterValue.StringValue("O'Brien"),
                new ParameterValue.DecimalValue(new BigDecimal("1.50")), new ParameterValue.NullValue(),
                new ParameterValue.DateTimeValue(LocalDateTime.of(2024, 2, 3, 4, 5, 6)),
                new ParameterValue.DateValue(LocalDate.of(2024, 2, 3)));

        assertThat(prepared.executions()).hasSize(1);
        assertThat(statements.get(0).executions()).containsExactly(List.of());

        assertThat(statements.get(2).executions()).containsExactly(
                List.of(new ParameterValue.IntegerValue(1), new ParameterValue.StringValue("a|b")),
                List.of(new ParameterValue.IntegerValue(2), new ParameterValue.StringValue("c")),
                List.of(new ParameterValue.NullValue(), new ParameterValue.StringValue("d")));

        assertThat(statements.get(3).expectation()).isEqualTo(new Expectation.SameError(1062));
        assertThat(statements.get(4).expectation()).isEqualTo(new Expectation.ShardedRejects(1235, "shard key"));
        assertThat(statements.get(5).expectation()).isEqualTo(new Expectation.ShardedRejects(1105, "sharding column"));
    }

    @Test
    void refusesCorpusMistakes() {
        assertThatThrownBy(() -> CorpusReader.read("x.sql", "SELECT 1;"))
                .hasMessageContaining("x.sql:1").hasMessageContaining("no description");
        assertThatThrownBy(() -> CorpusReader.read("x.sql", "-- d\n-- @params: 1\nSELECT ?, ?;"))
                .hasMessageContaining("x.sql:3").hasMessageContaining("2 '?' markers but 1");
        assertThatThrownBy(() -> CorpusReader.read("x.sql", "-- d\n-- @params: 1 | 2, 3\nSELECT ?;"))
                .hasMessageContaining("1 '?' markers but 2");
        assertThatThrownBy(() -> CorpusReader.read("x.sql", "-- d\nSELECT 1"))
                .hasMessageContaining("not terminated");
        assertThatThrownBy(() -> CorpusReader.read("x.sql", "-- d\n-- @typo: 1\nSELECT 1;"))
                .hasMessageContaining("unknown directive");
    }

    @Test
    void theShippedCorpusHasAtLeastThreeHundredStatements() {
        Corpus corpus = Corpus.load();
        assertThat(corpus.size()).isGreaterThanOrEqualTo(300);
        assertThat(corpus.reads()).isNotEmpty();
        assertThat(corpus.writes()).isNotEmpty();
    }
}
