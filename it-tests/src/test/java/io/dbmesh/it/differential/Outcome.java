package io.dbmesh.it.differential;

import java.util.List;

/** What one side answered to one statement, reduced to what the comparison looks at. */
public sealed interface Outcome {

    /**
     * A result set.
     *
     * @param labels column labels as the client sees them (aliases, or the expression text)
     * @param rows   every value as the driver's text form ({@code getString}); null stands for SQL NULL
     */
    record Rows(List<String> labels, List<List<String>> rows) implements Outcome {
    }

    /** An update count (DML, DDL). */
    record UpdateCount(long count) implements Outcome {
    }

    /** An error the server (or sidecar) returned. */
    record Failure(int errorCode, String sqlState, String message) implements Outcome {
        @Override
        public String toString() {
            return "ERROR " + errorCode + " (" + sqlState + "): " + message;
        }
    }
}
