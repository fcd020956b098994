package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.PoolConnectionSource;
import io.dbmesh.proxy.backend.PoolSelector;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.LogicalDatabaseConfig;
import io.dbmesh.proxy.config.TransactionsConfig;
import io.dbmesh.txn.FaultPoints;
import io.dbmesh.txn.LocalCoordinator;
import io.dbmesh.txn.TransactionListener;
import io.dbmesh.txn.TransactionMode;
import io.dbmesh.txn.XaCoordinator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sidecar's transaction coordinators, shared by its sessions: local mode always, the XA
 * coordinator when some logical database configures a decision log ({@code transactions:} with
 * mode xa or a log). Each database's configured mode is the default of its sessions.
 */
final class Transactions implements AutoCloseable {
    private final LocalCoordinator local;
    private final XaCoordinator xa;
    private final Map<String, TransactionMode> modes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Transactions(LocalCoordinator local, XaCoordinator xa, DbmeshConfig config) {
        this.local = local;
        this.xa = xa;
        for (LogicalDatabaseConfig db : config.databases().values()) modes.put(db.name(), db.transactions().mode());
    }

    static Transactions create(DbmeshConfig config, PoolSelector pools, TransactionListener listener) {
        TransactionsConfig log = null;
        Set<String> scanned = new LinkedHashSet<>();
        for (LogicalDatabaseConfig db : config.databases().values()) {
            if (db.transactions().needsLog() && log == null) log = db.transactions();
            if (db.sharded()) scanned.addAll(db.sharding().dataSources());
        }
        XaCoordinator xa = null;
        if (log != null) {
            scanned.add(log.logDataSource());
            xa = new XaCoordinator(log.xaSettings(), new PoolConnectionSource(pools, new ArrayList<>(scanned)), listener,
                    FaultPoints.fromSystemProperties());
        }
        return new Transactions(new LocalCoordinator(listener), xa, config);
    }

    /** Starts the XA coordinator (log tables, lease, first recovery pass); call once the pools are open. */
    void start() throws SQLException {
        if (xa != null) xa.start();
    }

    LocalCoordinator local() {
        return local;
    }

    /** The XA coordinator, or null when no database configures a decision log. */
    XaCoordinator xa() {
        return xa;
    }

    /** The configured mode of {@code database} (local for unknown names). */
    TransactionMode configuredMode(String database) {
        return database == null ? TransactionMode.LOCAL : modes.getOrDefault(database, TransactionMode.LOCAL);
    }

    @Override
    public void close() {
        if (xa != null) xa.close();
    }
}
