package io.dbmesh.txn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The durable decision log, two tables in the log data source's database (created if missing):
 * <ul>
 *   <li>{@value #DECISIONS}: one row per global transaction that was decided — {@code 'C'} written by
 *       its owner after every branch prepared and before the first XA COMMIT, {@code 'A'} written by
 *       recovery before it rolls back a branch nobody decided. The primary key on gtrid makes the
 *       first writer win: an owner whose {@code 'C'} finds an {@code 'A'} rolls back, so recovery
 *       can never abort what an owner commits. Rows are deleted once every branch is resolved.</li>
 *   <li>{@value #OWNERS}: one lease row per sidecar process, renewed by its heartbeat; times are
 *       the log server's clock, so sidecars' clocks do not matter.</li>
 * </ul>
 * Commit decisions are written by one writer thread in batches (group commit): whatever queued
 * while the previous INSERT ran goes into the next single multi-row INSERT, so the log costs one
 * round trip and one redo-log flush per batch, not per transaction.
 */
public final class DecisionLog implements AutoCloseable {
    public static final String DECISIONS = "dbmesh_xa_decisions";
    public static final String OWNERS = "dbmesh_xa_owners";
    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
    private static final int MAX_BATCH = 256;
    /** How long a batch is retried before its committers hear "unknown" (a blip passes, a dead server does not). */
    private static final long RETRY_BUDGET_NANOS = 3_000_000_000L;

    private record Pending(String gtrid, String branches, CompletableFuture<Character> result) {
    }

    private final ConnectionSource source;
    private final String dataSource;
    private final String owner;
    private final TransactionListener listener;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> forgotten = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public DecisionLog(ConnectionSource source, String dataSource, String owner, TransactionListener listener) {
        this.source = source;
        this.dataSource = dataSource;
        this.owner = owner;
        this.listener = listener;
    }

    public String dataSource() {
        return dataSource;
    }

    /** Creates the tables if missing and starts the writer threads. */
    public void open() throws SQLException {
        try (Connection c = source.open(dataSource); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + DECISIONS + " ("
                    + "gtrid VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,"
                    + " decision CHAR(1) CHARACTER SET ascii NOT NULL,"
                    + " owner VARCHAR(64) CHARACTER SET ascii NOT NULL,"
                    + " branches VARCHAR(2048) NOT NULL,"
                    + " decided_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB");
            st.execute("CREATE TABLE IF NOT EXISTS " + OWNERS + " ("
                    + "owner VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,"
                    + " lease_until TIMESTAMP(6) NOT NULL,"
                    + " started_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB");
        }
        threads.add(Thread.ofVirtual().name("dbmesh-xa-log").start(this::writeLoop));
        threads.add(Thread.ofVirtual().name("dbmesh-xa-log-cleanup").start(this::forgetLoop));
    }

    /**
     * Durably decides COMMIT for {@code gtrid}: returns 'C' once the decision is in the log, or 'A'
     * when recovery aborted the transaction first. Throws when the outcome of the write cannot be
     * known (the log's data source kept failing): the decision may or may not be durable.
     */
    public char decideCommit(String gtrid, List<String> branches) throws SQLException {
        Pending p = new Pending(gtrid, String.join(",", branches), new CompletableFuture<>());
        if (closed) throw new SQLException("decision log closed", "08003");
        queue.add(p);
        try {
            return p.result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) throw s;
            throw new SQLException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while writing the decision", "70100", e);
        }
    }

    /** The transaction is fully resolved: its row goes (batched, in the background). */
    public void forget(String gtrid) {
        forgotten.add(gtrid);
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.clear();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(List.copyOf(batch));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("decision log writer", e);
                for (Pending p : batch) p.result.completeExceptionally(e);
            }
        }
        for (Pending p; (p = queue.poll()) != null; ) p.result.completeExceptionally(new SQLException("decision log closed", "08003"));
    }

    /**
     * One multi-row INSERT IGNORE. Retried on failure: the insert is idempotent (a row already
     * there from an attempt whose answer was lost is ours and says 'C'), and reading back the rows
     * tells which decision won.
     */
    private void write(List<Pending> batch) {
        SQLException last = null;
        long giveUp = System.nanoTime() + RETRY_BUDGET_NANOS;
        for (int attempt = 0; attempt < 6 && !closed && (attempt == 0 || System.nanoTime() < giveUp); attempt++) {
            if (attempt > 0) sleep(100L * attempt);
            try (Connection c = source.open(dataSource)) {
                StringBuilder sql = new StringBuilder("INSERT IGNORE INTO " + DECISIONS + " (gtrid, decision, owner, branches) VALUES ");
                for (int i = 0; i < batch.size(); i++) sql.append(i == 0 ? "" : ",").append("(?,'C',?,?)");
                int inserted;
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int k = 1;
                    for (Pending p : batch) {
                        ps.setString(k++, p.gtrid);
                        ps.setString(k++, owner);
                        ps.setString(k++, p.branches);
                    }
                    inserted = ps.executeUpdate();
                }
                if (inserted == batch.size()) {
                    for (Pending p : batch) p.result.complete('C');
                } else {
                    Map<String, Character> found = decisions(c, batch.stream().map(Pending::gtrid).toList());
                    for (Pending p : batch) {
                        Character d = found.get(p.gtrid);
                        if (d == null) p.result.completeExceptionally(new SQLException("decision row missing after insert", "HY000"));
                        else p.result.complete(d);
                    }
                }
                listener.decisionsLogged(batch.size());
                return;
            } catch (SQLException e) {
                last = e;
                log.warn("writing {} XA decision(s) to {} failed (attempt {}): {}", batch.size(), dataSource, attempt + 1,
                        CommitFailure.brief(e));
            }
        }
        SQLException failure = last != null ? last : new SQLException("decision log closed", "08003");
        for (Pending p : batch) p.result.completeExceptionally(failure);
    }

    private void forgetLoop() {
        List<String> batch = new ArrayList<>();
        while (!closed) {
            try {
                String first = forgotten.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.clear();
                batch.add(first);
                forgotten.drainTo(batch, 999);
                try {
                    delete(batch);
                } catch (SQLException e) {
                    // left in the log: recovery deletes decision rows nothing is prepared for
                    log.debug("deleting {} resolved decision(s) failed: {}", batch.size(), CommitFailure.brief(e));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Deletes the decision rows of {@code gtrids}. */
    public void delete(Collection<String> gtrids) throws SQLException {
        if (gtrids.isEmpty()) return;
        try (Connection c = source.open(dataSource);
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + DECISIONS + " WHERE gtrid IN (" + marks(gtrids.size()) + ")")) {
            int k = 1;
            for (String g : gtrids) ps.setString(k++, g);
            ps.executeUpdate();
        }
    }

    /** The decisions logged for {@code gtrids} ('C' or 'A'); absent ones have none. */
    public Map<String, Character> decisions(Collection<String> gtrids) throws SQLException {
        if (gtrids.isEmpty()) return Map.of();
        try (Connection c = source.open(dataSource)) {
            return decisions(c, gtrids);
        }
    }

    private static Map<String, Character> decisions(Connection c, Collection<String> gtrids) throws SQLException {
        Map<String, Character> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT gtrid, decision FROM " + DECISIONS + " WHERE gtrid IN ("
                + marks(gtrids.size()) + ")")) {
            int k = 1;
            for (String g : gtrids) ps.setString(k++, g);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2).charAt(0));
            }
        }
        return out;
    }

    /**
     * Recovery's side of the race: decides ABORT unless a decision exists, and returns the decision
     * that holds now ('A', or 'C' when the owner got there first).
     */
    public char presumeAbort(String gtrid, String by) throws SQLException {
        try (Connection c = source.open(dataSource)) {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + DECISIONS
                    + " (gtrid, decision, owner, branches) VALUES (?, 'A', ?, '')")) {
                ps.setString(1, gtrid);
                ps.setString(2, by);
                ps.executeUpdate();
            }
            Character d = decisions(c, List.of(gtrid)).get(gtrid);
            if (d == null) throw new SQLException("decision row for " + gtrid + " vanished", "HY000");
            return d;
        }
    }

    /** Renews this sidecar's lease until now + {@code lease} on the log server's clock. */
    public void heartbeat(Duration lease) throws SQLException {
        try (Connection c = source.open(dataSource);
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + OWNERS + " (owner, lease_until) VALUES"
                     + " (?, NOW(6) + INTERVAL ? MICROSECOND) ON DUPLICATE KEY UPDATE lease_until = VALUES(lease_until)")) {
            ps.setString(1, owner);
            ps.setLong(2, lease.toNanos() / 1000);
            ps.executeUpdate();
        }
    }

    /** Ends this sidecar's lease now (clean shutdown): others may recover what it left at once. */
    public void expireLease() {
        try (Connection c = source.open(dataSource);
             PreparedStatement ps = c.prepareStatement("UPDATE " + OWNERS + " SET lease_until = NOW(6) WHERE owner = ?")) {
            ps.setString(1, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            log.debug("expiring the lease of {} failed: {}", owner, CommitFailure.brief(e));
        }
    }

    /** Every owner with a lease row: true when its lease is still valid. */
    public Map<String, Boolean> owners() throws SQLException {
        Map<String, Boolean> out = new HashMap<>();
        try (Connection c = source.open(dataSource); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT owner, lease_until >= NOW(6) FROM " + OWNERS)) {
            while (rs.next()) out.put(rs.getString(1), rs.getBoolean(2));
        }
        return out;
    }

    /**
     * Housekeeping after a complete recovery pass: decision rows older than {@code age} whose gtrid
     * has no prepared branch anywhere ({@code prepared}) are done; abort fences and dead owners' lease
     * rows go after a day.
     */
    public int cleanUp(java.util.Set<String> prepared, Duration age) throws SQLException {
        List<String> done = new ArrayList<>();
        try (Connection c = source.open(dataSource)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT gtrid FROM " + DECISIONS
                    + " WHERE decision = 'C' AND decided_at < NOW(6) - INTERVAL ? MICROSECOND")) {
                ps.setLong(1, age.toNanos() / 1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) if (!prepared.contains(rs.getString(1))) done.add(rs.getString(1));
                }
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM " + DECISIONS + " WHERE decision = 'A' AND decided_at < NOW(6) - INTERVAL 1 DAY");
                st.executeUpdate("DELETE FROM " + OWNERS + " WHERE lease_until < NOW(6) - INTERVAL 1 DAY");
            }
        }
        for (int i = 0; i < done.size(); i += 500) delete(done.subList(i, Math.min(done.size(), i + 500)));
        return done.size();
    }

    private static String marks(int n) {
        return "?,".repeat(n - 1) + "?";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
