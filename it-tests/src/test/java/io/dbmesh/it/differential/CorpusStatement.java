package io.dbmesh.it.differential;

import java.util.List;

/**
 * One statement of the differential corpus, as written in a {@code differential/*.sql} resource.
 *
 * @param file        resource file name, e.g. {@code 05_order_limit.sql}
 * @param line        line of the statement's first SQL line (for readable failures)
 * @param description the comment lines written above the statement (why it is in the corpus)
 * @param sql         the statement text without the trailing semicolon
 * @param executions  one list of values per execution, bound to the {@code ?} markers in order;
 *                    several lists run one after the other on the same prepared statement (a
 *                    plan cached for the first values must not answer for the next); a single
 *                    empty list for plain statements
 * @param expectation what both sides must agree on
 */
public record CorpusStatement(String file, int line, String description, String sql,
                              List<List<ParameterValue>> executions, Expectation expectation) {

    public CorpusStatement {
        executions = executions.isEmpty() ? List.of(List.of()) : executions.stream().map(List::copyOf).toList();
    }

    /** The values of the first (usually only) execution. */
    public List<ParameterValue> parameters() {
        return executions.get(0);
    }

    /** Short id shown as the dynamic test name: file, line and the description. */
    public String displayName() {
        return file + ":" + line + " " + description;
    }

    /** What the statement must produce. */
    public sealed interface Expectation {
        /** Both sides return the same result (rows or update count). The usual case. */
        record SameResult() implements Expectation {
        }

        /**
         * Both sides fail with this MySQL error code (e.g. a duplicate key in the DML section).
         */
        record SameError(int errorCode) implements Expectation {
        }

        /**
         * The sharded sidecar cannot (or by design will not) run this statement and must say so
         * with a MySQL error {@code errorCode} (ER_NOT_SUPPORTED_YET, 1235, unless the corpus names
         * another) whose message contains {@code feature}. The single database must still run it
         * (so the statement is proven valid SQL); in passthrough mode it is compared like any other.
         * Marked {@code -- @sharded-rejects: [code] feature words} in the corpus; there should be few.
         */
        record ShardedRejects(int errorCode, String feature) implements Expectation {
        }
    }
}
