package io.dbmesh.proxy.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The replayable session state a backend connection must carry to serve a session: the physical
 * schema and session/user variables. Immutable: a session replaces its instance on every change,
 * so a backend connection that still holds the very same instance (reference equality) needs no
 * work at all — the common case, since a pool hands a session's virtual thread the connection it
 * used last.
 *
 * <p>Variables map a key to the SQL value text assigned to it: {@code time_zone → '+00:00'},
 * {@code @x → 42}. Keys are lower-case system variable names or user variables with their @.
 */
public final class ConnectionState {

    /** Nothing changed from a freshly opened backend connection. */
    public static final ConnectionState INITIAL = new ConnectionState(null, Map.of());

    private final String schema;
    private final Map<String, String> variables;

    private ConnectionState(String schema, Map<String, String> variables) {
        this.schema = schema;
        this.variables = variables;
    }

    /** The physical schema to select, or null for the data source's own schema. */
    public String schema() {
        return schema;
    }

    public Map<String, String> variables() {
        return variables;
    }

    public ConnectionState withSchema(String newSchema) {
        return Objects.equals(schema, newSchema) ? this : new ConnectionState(newSchema, variables);
    }

    public ConnectionState withVariable(String key, String valueSql) {
        if (valueSql.equals(variables.get(key))) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.remove(key); // re-insert at the end: later assignments are replayed later
        copy.put(key, valueSql);
        return new ConnectionState(schema, Collections.unmodifiableMap(copy));
    }

    public ConnectionState withoutVariable(String key) {
        if (!variables.containsKey(key)) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(variables);
        copy.remove(key);
        return new ConnectionState(schema, Collections.unmodifiableMap(copy));
    }

    @Override
    public String toString() {
        return "ConnectionState[schema=" + schema + ", variables=" + variables + "]";
    }
}
