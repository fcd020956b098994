package io.dbmesh.it.differential;

/**
 * How statements travel. Each corpus statement runs once per protocol, on both sides with the
 * same protocol, so driver formatting is identical and only the servers' answers differ.
 */
public enum Protocol {
    /**
     * COM_QUERY: plain statements as they are, statements with {@code ?} as client-side prepared
     * statements (Connector/J substitutes the values into the text).
     */
    TEXT("useServerPrepStmts=false"),
    /**
     * COM_STMT_PREPARE / COM_STMT_EXECUTE for every statement, parameters typed, rows in the
     * binary row format.
     */
    BINARY("useServerPrepStmts=true");

    private final String urlOptions;

    Protocol(String urlOptions) {
        this.urlOptions = urlOptions;
    }

    /** Connector/J options selecting this protocol. */
    public String urlOptions() {
        return urlOptions;
    }
}
