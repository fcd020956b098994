package io.dbmesh.proxy.sql;

import io.dbmesh.core.sql.ScannedSql;
import io.dbmesh.core.sql.SqlDialect;

/**
 * One client statement as the session reads it, built once when the statement arrives: its kind,
 * its {@link StatementFeatures} bits and its tokens, from a single lexing of the text. Readers that
 * need more of the statement replay {@link #tokens()} ({@code tokens().scanner()}) instead of lexing
 * it again; once the text is rewritten (physical names, sidecar values) it is a different statement.
 *
 * @param features {@link StatementFeatures} bits
 * @param tokens   the statement lexed as the serving backend reads it
 */
public record ClassifiedStatement(String sql, StatementKind kind, int features, ScannedSql tokens) {

    /** {@code sql} lexed once, executable comments read as {@code dialect}'s server does. */
    public static ClassifiedStatement of(String sql, SqlDialect dialect) {
        ScannedSql tokens = ScannedSql.of(sql, dialect);
        return new ClassifiedStatement(sql, StatementClassifier.classify(tokens.scanner()), StatementFeatures.scan(tokens.scanner()), tokens);
    }
}
