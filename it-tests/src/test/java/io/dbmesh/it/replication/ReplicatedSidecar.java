package io.dbmesh.it.replication;

import io.dbmesh.proxy.Sidecar;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The sidecar in front of a {@link ReplicationCluster}: logical database {@code rw_app} on data
 * source {@code ds0}, a replica group (the primary and every replica of the cluster), configured
 * from YAML like a user would, plus any extra group options the test passes, and started as the
 * real {@link Sidecar}; clients connect with plain JDBC.
 */
final class ReplicatedSidecar implements AutoCloseable {
    static final String DATABASE = "rw_app";

    /**
     * A primary with two replicas (skipping the test where {@code mariadbd} is missing) holding the
     * app database with one table ({@code tableDdl}), replicated and caught up.
     */
    static ReplicationCluster startCluster(String tableDdl) {
        org.junit.jupiter.api.Assumptions.assumeTrue(ReplicationCluster.available(), "mariadbd not installed");
        ReplicationCluster cluster = ReplicationCluster.start(2);
        cluster.primary().execute("CREATE DATABASE " + DATABASE, tableDdl);
        cluster.awaitReplicasCaughtUp();
        return cluster;
    }

    private final Sidecar sidecar;

    /**
     * @param groupOptions extra YAML lines for the data source (indented 4), e.g. health_check
     * @param consistency  the logical database's consistency
     */
    ReplicatedSidecar(ReplicationCluster cluster, String groupOptions, String consistency) {
        StringBuilder replicas = new StringBuilder();
        for (MariaDbServer r : cluster.replicas()) {
            replicas.append("      - ").append(r.jdbcUrl(DATABASE)).append('\n');
        }
        String yaml = """
                listener: { host: 127.0.0.1, port: 0 }
                tls: { enabled: false }
                users: [{ name: root, password: "" }]
                data_sources:
                  ds0:
                    url: %s
                    user: root
                    password: ""
                    pool: { max_size: 16, min_idle: 0, connection_timeout: 1s }
                    replicas:
                %s%s
                databases:
                  %s: { data_source: ds0, consistency: %s }
                """.formatted(cluster.primary().jdbcUrl(DATABASE), replicas, groupOptions, DATABASE, consistency);
        DbmeshConfig config = new ConfigLoader(new EnvSubstitution(name -> null)).parse(yaml, "rw-test.yaml", Path.of("."));
        sidecar = Sidecar.start(config);
    }

    String jdbcUrl() {
        return sidecar.jdbcUrl(DATABASE);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl() + "?connectTimeout=5000", "root", "");
    }

    @Override
    public void close() {
        sidecar.close();
    }
}
