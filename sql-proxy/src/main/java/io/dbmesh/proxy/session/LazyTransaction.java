package io.dbmesh.proxy.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code local}-mode transaction as the session sees it. BEGIN touches no backend: a data source
 * joins at the first statement the transaction sends there ({@link SessionConnections#acquire}),
 * which first runs what the transaction has accumulated — the {@code SET TRANSACTION} given before
 * it, its own BEGIN text (READ ONLY / READ WRITE kept), the savepoints set so far — so a one-shard
 * transaction costs that shard's round trips only and its COMMIT one more. With autocommit=0 the
 * transaction opens by itself at each data source's first statement ({@code begin} is null), and
 * only savepoints make a joining data source run anything.
 *
 * <p>Savepoints: a data source that joins after {@code SAVEPOINT x} had done nothing in the
 * transaction at x, so replaying x right after its BEGIN gives it the same point to roll back to;
 * {@code ROLLBACK TO x} and {@code RELEASE SAVEPOINT x} then go to every joined data source.
 *
 * <p>A data source that joined and whose connection is no longer bound in the transaction (the
 * connection broke, a deadlock rolled its part back) is lost: its part is gone, so the transaction
 * may only roll back; {@link SessionTransactions} refuses further statements there and the COMMIT.
 */
final class LazyTransaction {
    /** The statement that opens the transaction on a joining data source, or null (autocommit=0 opens it). */
    final String begin;
    final boolean readOnly;
    /** SET TRANSACTION … given for this transaction before it began: each joining data source runs them first. */
    final List<String> characteristics;
    /** The savepoints set so far ({@link Savepoints}: the same in xa mode). */
    final Savepoints savepoints = new Savepoints();
    /** Data sources that joined, in joining order. */
    private final Set<String> joined = new LinkedHashSet<>(4);

    LazyTransaction(String begin, boolean readOnly, List<String> characteristics) {
        this.begin = begin;
        this.readOnly = readOnly;
        this.characteristics = List.copyOf(characteristics);
    }

    /** Opened by BEGIN / START TRANSACTION (the client was told it is in a transaction), not by autocommit=0. */
    boolean explicit() {
        return begin != null;
    }

    /** What a data source joining now runs, in order (empty: nothing to send). */
    List<String> joining() {
        List<String> out = new ArrayList<>(characteristics.size() + 1 + savepoints.statements().size());
        String start = begin;
        if (start == null && !savepoints.isEmpty()) start = "START TRANSACTION"; // a savepoint needs the transaction open
        out.addAll(characteristics);
        if (start != null) out.add(start);
        for (SavepointStatement s : savepoints.statements()) out.add(s.sql());
        return out;
    }

    /**
     * The BEGIN a joining data source may send in the same round trip as its first statement, when
     * that statement changes no data ({@link SessionTransactions#joinWithStatement}); null when
     * joining takes more than that (SET TRANSACTION first, savepoints to replay after) or the text
     * is anything but a plain BEGIN / START TRANSACTION [READ ONLY | READ WRITE]. Safe because such a
     * BEGIN fails only when the transaction cannot open at all (READ WRITE on a read-only server for
     * a user without the privilege, whose writes fail all the same), and then the statement that ran
     * without it changed nothing.
     */
    String beginWithStatement() {
        if (begin == null || !characteristics.isEmpty() || !savepoints.isEmpty()) return null;
        return isPlainBegin(begin) ? begin : null;
    }

    /** BEGIN [WORK] / START TRANSACTION [READ ONLY | READ WRITE], nothing else (no comments either). */
    static boolean isPlainBegin(String sql) {
        return PLAIN_BEGIN.matcher(sql).matches();
    }

    private static final java.util.regex.Pattern PLAIN_BEGIN = java.util.regex.Pattern.compile(
            "\\s*(BEGIN(\\s+WORK)?|START\\s+TRANSACTION(\\s+READ\\s+(ONLY|WRITE))?)\\s*;?\\s*",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A data source counted as joined whose deferred BEGIN did not open the transaction there. */
    void notJoined(String dataSource) {
        joined.remove(dataSource);
    }

    void joined(String dataSource) {
        joined.add(dataSource);
    }

    Set<String> joinedDataSources() {
        return joined;
    }

    boolean hasJoined(String dataSource) {
        return joined.contains(dataSource);
    }
}
