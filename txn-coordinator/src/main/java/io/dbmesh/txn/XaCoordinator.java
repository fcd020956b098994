package io.dbmesh.txn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * XA two-phase commit for the whole sidecar: makes the transactions ({@link XaTransaction}), owns the
 * decision log ({@link DecisionLog}), renews this sidecar's lease, and runs recovery
 * ({@link Recovery}) at start and every recovery interval — or at once when a commit left work
 * behind, or on {@code DBMESH RECOVER}. Any sidecar configured with the same log and data sources
 * can finish another one's transactions once that one's lease has expired.
 */
public final class XaCoordinator implements TransactionCoordinator, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(XaCoordinator.class);

    private final XaSettings settings;
    private final ConnectionSource source;
    private final TransactionListener listener;
    private final FaultPoints faults;
    private final XidFactory xids;
    private final DecisionLog decisionLog;
    private final Recovery recovery = new Recovery(this);
    private final Map<String, XaTransaction> open = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    /** One recovery pass at a time (the periodic one and DBMESH RECOVER). */
    private final Object recovering = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;
    private volatile boolean started;

    public XaCoordinator(XaSettings settings, ConnectionSource source, TransactionListener listener, FaultPoints faults) {
        this.settings = settings;
        this.source = source;
        this.listener = listener;
        this.faults = faults;
        this.xids = new XidFactory(XidFactory.newOwner(settings.node() != null ? settings.node() : hostName()));
        this.decisionLog = new DecisionLog(source, settings.logDataSource(), xids.owner(), listener);
    }

    /**
     * Creates the log tables, takes this sidecar's lease, runs the first recovery pass (so what a
     * crashed predecessor left is resolved before new transactions) and starts the background threads.
     */
    public void start() throws SQLException {
        started = true;
        decisionLog.open();
        decisionLog.heartbeat(settings.lease());
        log.info("XA coordinator {}: decision log on data source {}, lease {}s, recovery every {}s", xids.owner(),
                settings.logDataSource(), settings.lease().toSeconds(), settings.recoveryInterval().toSeconds());
        try {
            recover();
        } catch (SQLException e) {
            log.warn("XA recovery at start failed: {}", CommitFailure.brief(e));
        }
        threads.add(Thread.ofVirtual().name("dbmesh-xa-heartbeat").start(this::heartbeatLoop));
        threads.add(Thread.ofVirtual().name("dbmesh-xa-recovery").start(this::recoveryLoop));
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.XA;
    }

    @Override
    public GlobalTransaction begin(String session) {
        XaTransaction t = new XaTransaction(this, session, xids.newGtrid(System.currentTimeMillis()));
        open.put(t.id(), t);
        return t;
    }

    @Override
    public List<TransactionInfo> open() {
        List<TransactionInfo> out = new ArrayList<>();
        for (XaTransaction t : open.values()) out.add(t.info());
        out.sort(java.util.Comparator.comparingLong(TransactionInfo::startedMillis));
        return out;
    }

    /** A recovery pass now (DBMESH RECOVER); what it did, branch by branch. */
    public List<Resolution> recover() throws SQLException {
        synchronized (recovering) {
            return recovery.run();
        }
    }

    /** The prepared dbmesh branches on the data sources now (SHOW DBMESH INDOUBT). */
    public List<InDoubtBranch> inDoubt() throws SQLException {
        return recovery.scan(new HashSet<>());
    }

    public String owner() {
        return xids.owner();
    }

    XaSettings settings() {
        return settings;
    }

    ConnectionSource source() {
        return source;
    }

    TransactionListener listener() {
        return listener;
    }

    FaultPoints faults() {
        return faults;
    }

    DecisionLog decisionLog() {
        return decisionLog;
    }

    boolean isOpen(String gtrid) {
        return open.containsKey(gtrid);
    }

    void ended(XaTransaction t) {
        open.remove(t.id());
    }

    /** A commit left branches for recovery: run a pass soon rather than at the next interval. */
    void recoverSoon() {
        wake.release();
    }

    private void heartbeatLoop() {
        long every = Math.max(200, settings.lease().toMillis() / 3);
        while (!closed) {
            try {
                Thread.sleep(every);
                decisionLog.heartbeat(settings.lease());
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                log.warn("XA lease renewal of {} failed: {}", xids.owner(), CommitFailure.brief(e));
            }
        }
    }

    private void recoveryLoop() {
        while (!closed) {
            try {
                if (wake.tryAcquire(settings.recoveryInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    Thread.sleep(500); // let the failed data source come back a little
                    wake.drainPermits();
                }
                if (closed) return;
                recover();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                log.warn("XA recovery pass failed: {}", e.getMessage());
            }
        }
    }

    /** The host name from the environment (no DNS look-up on the start-up path), else "dbmesh". */
    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        return h == null || h.isBlank() ? "dbmesh" : h;
    }

    /** Stops the threads and ends the lease (sessions are closed before, so nothing of ours is in flight). */
    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) t.interrupt();
        decisionLog.close();
        if (started) decisionLog.expireLease();
    }
}
