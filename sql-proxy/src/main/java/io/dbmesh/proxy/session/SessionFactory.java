package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.proxy.command.AdvertisedVersion;
import io.dbmesh.proxy.backend.PoolSelector;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.proxy.command.CommandHandlerFactory;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.ListenerConfig;
import io.dbmesh.proxy.config.UserConfig;

import io.dbmesh.txn.TransactionListener;

import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Opens a {@link SessionCommandHandler} for each authenticated client, after checking what a MySQL
 * server checks at connect: the user exists (1045), may use the requested database (1044) and the
 * database exists (1049). Like MySQL, a missing grant is reported before a missing database, so a
 * user cannot probe which databases exist.
 */
public final class SessionFactory implements CommandHandlerFactory {

    private final DbmeshConfig config;
    private final SessionEnvironment env;

    public SessionFactory(DbmeshConfig config, PoolSelector pools) {
        this(config, pools, Telemetry.NONE);
    }

    /** {@code telemetry}: every session reports its statements there. */
    public SessionFactory(DbmeshConfig config, PoolSelector pools, Telemetry telemetry) {
        this(config, pools, telemetry, TelemetryTransactionListener.of(telemetry));
    }

    /**
     * The sidecar's own assembly: the transaction coordinator's counters go to {@code telemetry}.
     * @param version what VERSION() answers (and the handshake announces, see {@link #version()})
     */
    public SessionFactory(DbmeshConfig config, PoolSelector pools, Telemetry telemetry, AdvertisedVersion version) {
        this(config, pools, telemetry, TelemetryTransactionListener.of(telemetry), version);
    }

    /** @param transactionListener receives the transaction coordinator's counters (commits by path, recoveries, …) */
    public SessionFactory(DbmeshConfig config, PoolSelector pools, Telemetry telemetry,
                          TransactionListener transactionListener) {
        this(config, pools, telemetry, transactionListener,
                AdvertisedVersion.configured(config.listener() != null ? config.listener().serverVersion() : null));
    }

    /**
     * @param transactionListener receives the transaction coordinator's counters (commits by path, recoveries, …)
     * @param version             what VERSION() answers (and the handshake announces, see {@link #version()})
     */
    public SessionFactory(DbmeshConfig config, PoolSelector pools, Telemetry telemetry,
                          TransactionListener transactionListener, AdvertisedVersion version) {
        this.config = config;
        ListenerConfig listener = config.listener();
        long maxPacket = listener != null && listener.maxAllowedPacket() > 0 ? listener.maxAllowedPacket() : 16L * 1024 * 1024;
        this.env = new SessionEnvironment(LogicalDatabases.fromConfig(config), pools, maxPacket, version, new SidecarStats(),
                new LiveSessions(), new PrepareMetadataCache(), telemetry, Set.copyOf(config.replicaGroups().keySet()),
                config.limits(), new PreparedStatementBudget(config.limits().preparedStatements(),
                config.limits().preparedStatementBytes()),
                Transactions.create(config, pools, transactionListener),
                !"false".equals(System.getProperty("dbmesh.binaryShards"))); // read once per sidecar: tests start one of each
        if (telemetry != Telemetry.NONE) {
            for (String name : env.databases().names()) {
                if (env.databases().find(name) instanceof ShardedDatabase db) {
                    db.planner().reportCacheLookupsTo(hit -> telemetry.planCache(name, hit));
                }
            }
        }
    }

    @Override
    public AdvertisedVersion version() {
        return env.serverVersion();
    }

    @Override
    public CommandHandler open(ClientInfo client) throws MySqlException {
        UserConfig user = config.user(client.user()).orElseThrow(() -> new MySqlException(1045, "28000",
                "Access denied for user '" + client.user() + "'@'" + host(client) + "'"));
        String db = client.database();
        if (db != null && !db.isEmpty() && !LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(db)) {
            if (!user.mayUse(db)) {
                throw MySqlException.accessDeniedToDatabase(user.name(), host(client), db);
            }
            if (env.databases().find(db) == null) {
                throw MySqlException.unknownDatabase(db);
            }
        }
        return new SessionCommandHandler(client, user, env);
    }

    /**
     * Runs the {@code schema:} DDL of sharded logical databases (see {@link ShardedSchema}); call once
     * at start, after the pools are open and before clients connect.
     */
    public void applyShardedSchemas() throws java.sql.SQLException {
        ShardedSchema.apply(env.databases(), env.pools());
    }

    /**
     * Starts the XA coordinator when a database configures one (decision log tables, lease, a first
     * recovery pass); call once at start, after the pools are open and before clients connect.
     */
    public void startTransactions() throws java.sql.SQLException {
        env.transactions().start();
    }

    /** Stops the XA coordinator's threads and ends its lease; call after the sessions closed, before the pools. */
    public void closeTransactions() {
        env.transactions().close();
    }

    /** COM_STATISTICS text for the sidecar (also what each session answers). */
    public String statistics() {
        return env.stats().statistics();
    }

    static String host(ClientInfo client) {
        if (client.remoteAddress() instanceof InetSocketAddress isa) {
            return isa.getAddress() != null ? isa.getAddress().getHostAddress() : isa.getHostString();
        }
        return "localhost";
    }
}
