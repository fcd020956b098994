package io.dbmesh.mesh.telemetry;

/** Where a client statement went (the {@code route} label): bounded, one value per statement. */
public enum RouteKind {
    /** answered by the sidecar itself (USE, SHOW DATABASES, SHOW DBMESH …, errors before routing) */
    LOCAL,
    /** a passthrough database's data source (not a replica group) */
    PASSTHROUGH,
    /** a replica group's primary */
    PRIMARY,
    /** a replica of a replica group */
    REPLICA,
    /** a sharded database, one physical statement */
    SINGLE_SHARD,
    /** a sharded database, several physical statements merged */
    SCATTER,
    /** a sharded database, planned by the Calcite federation */
    FEDERATED;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public String label() {
        return label;
    }
}
