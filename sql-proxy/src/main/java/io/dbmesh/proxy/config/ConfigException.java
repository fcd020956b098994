package io.dbmesh.proxy.config;

/**
 * An invalid configuration. The message is meant for a human reading a terminal:
 * {@code file:line:column: problem}. It never contains a secret value.
 */
public class ConfigException extends RuntimeException {
    private final ConfigLocation location;
    private final String problem;

    public ConfigException(ConfigLocation location, String problem) {
        super(location == null ? problem : location + ": " + problem, null, false, false);
        this.location = location;
        this.problem = problem;
    }

    /** Where the problem is, or null when it concerns the file as a whole (e.g. it cannot be read). */
    public ConfigLocation location() {
        return location;
    }

    /** The problem without the location prefix. */
    public String problem() {
        return problem;
    }
}
