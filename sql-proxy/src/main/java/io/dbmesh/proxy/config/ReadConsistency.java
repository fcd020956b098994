package io.dbmesh.proxy.config;

/**
 * What a session of a logical database may read from replicas (only matters when its data
 * sources are replica groups).
 */
public enum ReadConsistency {
    /** Reads go to any healthy replica; a session may not see its own latest write yet. */
    EVENTUAL,
    /**
     * Read-your-writes (the default): after a session writes, a replica serves its reads only once
     * it has applied that write (GTID wait with a short timeout); otherwise the primary does.
     */
    SESSION,
    /** Every statement goes to the primary; replicas only serve other databases. */
    STRONG;

    public static final ReadConsistency DEFAULT = SESSION;

    /** The config spelling: eventual, session, strong. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
