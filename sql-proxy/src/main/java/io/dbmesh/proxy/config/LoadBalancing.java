package io.dbmesh.proxy.config;

/** How a replica group spreads reads over its healthy replicas. */
public enum LoadBalancing {
    /** Each read to the next replica in turn. */
    ROUND_ROBIN,
    /** Uniformly at random. */
    RANDOM,
    /** At random, in proportion to each replica's {@code weight}. */
    WEIGHTED,
    /** To the replica with the fewest statements running through dbmesh right now. */
    LEAST_CONNECTIONS;

    public static final LoadBalancing DEFAULT = ROUND_ROBIN;

    /** The config spelling: round_robin, random, weighted, least_connections. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
