package io.dbmesh.it.differential;

import io.dbmesh.it.differential.CorpusStatement.Expectation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether the sidecar's answer equals the single database's answer and, if not, says
 * how in a few readable lines: column labels, row counts, the first differing rows.
 */
final class OutcomeComparison {
    static final int ER_NOT_SUPPORTED_YET = 1235;
    private static final int SHOWN_ROWS = 8;

    private OutcomeComparison() {
    }

    /**
     * @param expected what the plain single database answered
     * @param actual   what the sidecar answered
     * @param sharded  whether the sidecar side is the sharded logical database (enables
     *                 {@link Expectation.ShardedRejects})
     * @return empty when they agree, otherwise a description of the difference
     */
    static Optional<String> compare(CorpusStatement statement, boolean sharded, Outcome expected, Outcome actual) {
        return switch (statement.expectation()) {
            case Expectation.SameError e -> sameError(e.errorCode(), expected, actual);
            case Expectation.ShardedRejects r when sharded -> shardedRejects(r, expected, actual);
            case Expectation.ShardedRejects r -> sameResult(statement, expected, actual);
            case Expectation.SameResult s -> sameResult(statement, expected, actual);
        };
    }

    private static Optional<String> sameError(int code, Outcome expected, Outcome actual) {
        List<String> problems = new ArrayList<>();
        if (!(expected instanceof Outcome.Failure f && f.errorCode() == code)) {
            problems.add("corpus expects error " + code + " but the single database answered: " + summary(expected));
        }
        if (!(actual instanceof Outcome.Failure f && f.errorCode() == code)) {
            problems.add("expected error " + code + " from the actual side, got: " + summary(actual));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
    }

    private static Optional<String> shardedRejects(Expectation.ShardedRejects rejects, Outcome expected, Outcome actual) {
        if (expected instanceof Outcome.Failure f) {
            return Optional.of("corpus error: the single database rejects this statement itself: " + f);
        }
        String feature = rejects.feature().toLowerCase(Locale.ROOT);
        if (actual instanceof Outcome.Failure f && f.errorCode() == rejects.errorCode()
                && f.message() != null && f.message().toLowerCase(Locale.ROOT).contains(feature)) {
            return Optional.empty();
        }
        return Optional.of("expected the sharded sidecar to refuse with ERROR " + rejects.errorCode() + " naming '"
                + rejects.feature() + "', got: " + summary(actual));
    }

    private static Optional<String> sameResult(CorpusStatement statement, Outcome expected, Outcome actual) {
        if (expected instanceof Outcome.Failure f) {
            return Optional.of("corpus error: the single database rejects this statement itself: " + f
                    + (actual instanceof Outcome.Failure a ? "" : "\n(the actual side answered: " + summary(actual) + ")"));
        }
        if (actual instanceof Outcome.Failure f) {
            return Optional.of("expected " + summary(expected) + "\nbut the actual side failed: " + f);
        }
        if (expected instanceof Outcome.UpdateCount e) {
            if (actual instanceof Outcome.UpdateCount a && a.count() == e.count()) {
                return Optional.empty();
            }
            return Optional.of("expected " + summary(expected) + ", got " + summary(actual));
        }
        Outcome.Rows e = (Outcome.Rows) expected;
        if (!(actual instanceof Outcome.Rows a)) {
            return Optional.of("expected " + summary(expected) + ", got " + summary(actual));
        }
        if (!e.labels().equals(a.labels())) {
            return Optional.of("column labels differ\n  expected: " + e.labels() + "\n  actual:   " + a.labels());
        }
        return SqlText.hasTopLevelOrderBy(statement.sql()) ? orderedRows(e, a) : unorderedRows(e, a);
    }

    private static Optional<String> orderedRows(Outcome.Rows e, Outcome.Rows a) {
        if (e.rows().equals(a.rows())) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("rows differ (ORDER BY: order matters); expected ")
                .append(e.rows().size()).append(" rows, actual ").append(a.rows().size()).append('\n')
                .append("  columns: ").append(e.labels()).append('\n');
        if (unorderedRows(e, a).isEmpty()) {
            out.append("  same rows, different order\n");
        }
        int shown = 0;
        int max = Math.max(e.rows().size(), a.rows().size());
        for (int i = 0; i < max && shown < SHOWN_ROWS; i++) {
            List<String> er = i < e.rows().size() ? e.rows().get(i) : null;
            List<String> ar = i < a.rows().size() ? a.rows().get(i) : null;
            if (er == null || !er.equals(ar)) {
                out.append("  row ").append(i + 1).append(":\n")
                        .append("    expected ").append(er == null ? "(no row)" : format(er)).append('\n')
                        .append("    actual   ").append(ar == null ? "(no row)" : format(ar)).append('\n');
                shown++;
            }
        }
        return Optional.of(out.toString().stripTrailing());
    }

    private static Optional<String> unorderedRows(Outcome.Rows e, Outcome.Rows a) {
        Map<List<String>, Integer> counts = new HashMap<>();
        e.rows().forEach(r -> counts.merge(r, 1, Integer::sum));
        a.rows().forEach(r -> counts.merge(r, -1, Integer::sum));
        List<List<String>> missing = expand(counts, +1);
        List<List<String>> extra = expand(counts, -1);
        if (missing.isEmpty() && extra.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder("rows differ (no ORDER BY: compared as multisets); expected ")
                .append(e.rows().size()).append(" rows, actual ").append(a.rows().size()).append('\n')
                .append("  columns: ").append(e.labels()).append('\n');
        appendRows(out, "expected but missing from the actual side", missing);
        appendRows(out, "unexpected on the actual side", extra);
        return Optional.of(out.toString().stripTrailing());
    }

    private static List<List<String>> expand(Map<List<String>, Integer> counts, int sign) {
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((row, n) -> {
            for (int i = 0; i < n * sign; i++) {
                rows.add(row);
            }
        });
        rows.sort(Comparator.comparing(OutcomeComparison::format));
        return rows;
    }

    private static void appendRows(StringBuilder out, String title, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("  ").append(rows.size()).append(' ').append(title).append(":\n");
        rows.stream().limit(SHOWN_ROWS).forEach(r -> out.append("    ").append(format(r)).append('\n'));
        if (rows.size() > SHOWN_ROWS) {
            out.append("    … ").append(rows.size() - SHOWN_ROWS).append(" more\n");
        }
    }

    static String summary(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Rows r -> r.rows().size() + " rows " + r.labels()
                    + (r.rows().isEmpty() ? "" : ", first " + format(r.rows().get(0)));
            case Outcome.UpdateCount u -> "update count " + u.count();
            case Outcome.Failure f -> f.toString();
        };
    }

    static String format(List<String> row) {
        return row.stream().map(v -> v == null ? "NULL" : "'" + v + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
