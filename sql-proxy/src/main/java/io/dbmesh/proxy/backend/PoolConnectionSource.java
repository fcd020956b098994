package io.dbmesh.proxy.backend;

import io.dbmesh.txn.ConnectionSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The transaction coordinator's connections (decision log, lease, recovery), from the same pools as
 * the sessions': a connection of the data source's primary brought to the pool's initial state (its
 * own database, default variables), whose {@code close()} gives it back (rolling back anything left
 * open first, like every release).
 */
public final class PoolConnectionSource implements ConnectionSource {
    private final PoolSelector pools;
    private final List<String> dataSources;

    /** @param dataSources what recovery scans: the data sources that may hold dbmesh branches */
    public PoolConnectionSource(PoolSelector pools, List<String> dataSources) {
        this.pools = pools;
        this.dataSources = List.copyOf(dataSources);
    }

    @Override
    public Connection open(String dataSource) throws SQLException {
        BackendConnection c = pools.select(dataSource, AccessIntent.WRITE).acquire(RowCountMode.CHANGED);
        try {
            c.sync(ConnectionState.INITIAL);
        } catch (SQLException | RuntimeException e) {
            c.discard();
            throw e;
        }
        Connection raw = c.jdbc();
        boolean[] broken = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (broken[0]) c.discard();
                            else c.release();
                            return null;
                        }
                        case "isClosed" -> {
                            if (c.isReturned()) return true;
                        }
                        case "unwrap", "isWrapperFor", "equals", "hashCode", "toString" -> {
                        }
                        default -> {
                            if (c.isReturned()) throw new SQLException("connection already given back", "08003");
                        }
                    }
                    try {
                        return method.invoke(raw, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException s && BackendErrors.connectionBroken(s)) broken[0] = true;
                        throw e.getCause();
                    }
                });
    }

    @Override
    public List<String> dataSources() {
        return dataSources;
    }
}
