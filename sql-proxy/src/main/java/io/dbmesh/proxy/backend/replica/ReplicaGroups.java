package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendRegistry;
import io.dbmesh.proxy.backend.DataSourcePool;
import io.dbmesh.proxy.backend.PoolSelector;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.ReadConsistency;
import io.dbmesh.proxy.config.ReplicaGroupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every replica group of the sidecar at run time: the groups, a pool per member (a primary's pool
 * is the plain registry's pool of its data source name; replicas get their own) and the health
 * checker probing them. As a {@link PoolSelector} it sends WRITE to the primary and READ to a
 * healthy replica with eventual consistency; sessions use {@link #session} for read-your-writes,
 * hints, retries and read-only transactions.
 */
public final class ReplicaGroups implements ReplicaPoolSelector, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaGroups.class);

    private final PoolSelector plain;
    private final Map<String, ReplicaGroup> groups;
    private final Map<Member, DataSourcePool> pools;
    private final Map<DataSourcePool, Member> members = new IdentityHashMap<>();
    private final List<DataSourcePool> ownPools;
    private final InFlightConnections inFlight;
    private final Map<String, ReadConsistency> consistencyByDatabase;
    private final Map<String, ReadConsistency> consistencyByDataSource;
    private final HealthChecker checker;

    private ReplicaGroups(PoolSelector plain, Map<String, ReplicaGroup> groups, Map<Member, DataSourcePool> pools,
                          List<DataSourcePool> ownPools, InFlightConnections inFlight,
                          Map<String, ReadConsistency> consistencyByDatabase,
                          Map<String, ReadConsistency> consistencyByDataSource) {
        this.plain = plain;
        this.consistencyByDatabase = consistencyByDatabase;
        this.consistencyByDataSource = consistencyByDataSource;
        this.inFlight = inFlight;
        this.groups = groups;
        this.pools = pools;
        this.ownPools = ownPools;
        pools.forEach((member, pool) -> members.put(pool, member));
        this.checker = new HealthChecker(List.copyOf(groups.values()));
    }

    /**
     * Opens replica pools for every group of {@code config}, probes every member once and starts
     * the checker. Groups' primaries use {@code registry}'s pools.
     */
    public static ReplicaGroups open(DbmeshConfig config, BackendRegistry registry, ReplicaStateListener listener) {
        Map<String, ReplicaGroup> groups = new LinkedHashMap<>();
        Map<Member, DataSourcePool> pools = new IdentityHashMap<>();
        List<DataSourcePool> own = new ArrayList<>();
        InFlightConnections inFlight = new InFlightConnections();
        ReplicaStateListener abortOnDown = new ReplicaStateListener() {
            @Override
            public void stateChanged(MemberStateChange change) {
                if (change.to().state() == MemberState.DOWN) {
                    int n = inFlight.abortAll(change.member());
                    if (n > 0) log.warn("aborted {} statement(s) in flight on {} (down)", n, change.member().name());
                }
            }
        };
        ReplicaStateListener all = ReplicaStateListener.all(List.of(abortOnDown, listener));
        try {
            for (ReplicaGroupConfig gc : config.replicaGroups().values()) {
                ReplicaGroup group = new ReplicaGroup(gc, all);
                groups.put(group.name(), group);
                DataSourcePool primary = registry.pool(gc.name());
                if (primary == null) throw new IllegalStateException("no pool for data source " + gc.name());
                pools.put(group.primary(), primary);
                for (Member replica : group.replicas()) {
                    DataSourcePool pool = registry.openPool(replica.dataSource());
                    own.add(pool);
                    pools.put(replica, pool);
                }
            }
        } catch (RuntimeException e) {
            own.forEach(DataSourcePool::close);
            throw e;
        }
        Map<String, ReadConsistency> consistency = new HashMap<>();
        Map<String, ReadConsistency> byDataSource = new HashMap<>();
        config.databases().forEach((name, db) -> {
            consistency.put(name, db.consistency());
            List<String> used = new ArrayList<>();
            if (db.dataSource() != null) used.add(db.dataSource());
            if (db.sharding() != null) used.addAll(db.sharding().dataSources());
            // a data source shared by databases of different consistency gets the strongest
            for (String ds : used) byDataSource.merge(ds, db.consistency(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        });
        ReplicaGroups out = new ReplicaGroups(registry, groups, pools, own, inFlight, Map.copyOf(consistency),
                Map.copyOf(byDataSource));
        out.checker.start();
        return out;
    }

    /** A read/write-splitting companion for one client session (null when there are no groups). */
    @Override
    public ReplicaSession replicaSession() {
        return groups.isEmpty() ? null : new ReplicaSession(this, new SessionReadState());
    }

    /**
     * The consistency for a statement: its logical database's, or when the caller does not know it
     * (the sharding executor), the strongest of the databases using the data source.
     */
    public ReadConsistency consistency(String database, String dataSource) {
        ReadConsistency c = database == null ? null : consistencyByDatabase.get(database);
        if (c == null) c = consistencyByDataSource.get(dataSource);
        return c == null ? ReadConsistency.DEFAULT : c;
    }

    public List<ReplicaGroup> groups() {
        return List.copyOf(groups.values());
    }

    public Optional<ReplicaGroup> group(String dataSource) {
        return Optional.ofNullable(groups.get(dataSource));
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    DataSourcePool pool(Member member) {
        return pools.get(member);
    }

    /** The member a connection's pool belongs to, or null for a plain data source. */
    Member memberOf(BackendConnection connection) {
        return members.get(connection.pool());
    }

    /** The replicas' pools (the primaries' are the registry's). */
    public List<DataSourcePool> replicaPools() {
        return List.copyOf(ownPools);
    }

    PoolSelector plain() {
        return plain;
    }

    InFlightConnections inFlight() {
        return inFlight;
    }

    /** Stateless selection (eventual consistency): for callers without a session. */
    @Override
    public DataSourcePool select(String dataSource, AccessIntent intent) throws SQLException {
        ReplicaGroup group = groups.get(dataSource);
        if (group == null) return plain.select(dataSource, intent);
        if (intent == AccessIntent.READ) {
            Optional<Member> replica = group.pickReplica(GtidPosition.EMPTY, Set.of());
            if (replica.isPresent()) return pools.get(replica.get());
        }
        try {
            return pools.get(group.primaryOrFail());
        } catch (MySqlException e) {
            throw ReplicaSession.asSql(e);
        }
    }

    /** Re-probes every member now (tests, and an admin "check now"). */
    public void probeAllNow() {
        checker.probeAllNow();
    }

    @Override
    public void close() {
        checker.close();
        ownPools.forEach(DataSourcePool::close);
    }
}
