package io.dbmesh.proxy.config;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree that remembers where every node was written. Scalar values
 * already have {@code ${ENV:default}} substituted. Sections the core loader does not own (for
 * example a logical database's {@code sharding:} rules) are kept as nodes so their own binder can
 * read them later with {@link ConfigSection} and still report errors with file and line.
 */
public sealed interface ConfigNode permits ConfigNode.Scalar, ConfigNode.Mapping, ConfigNode.Sequence {

    ConfigLocation location();

    /** What a user would call this kind of node in an error message. */
    String kindName();

    /**
     * @param value the text after env substitution; null for a YAML null ({@code ~}, {@code null} or nothing)
     * @param plain written without quotes, so {@code 2} may be read as a number (a quoted {@code "2"} stays text)
     */
    record Scalar(String value, boolean plain, ConfigLocation location) implements ConfigNode {
        public Scalar(String value, ConfigLocation location) {
            this(value, false, location);
        }

        @Override
        public String kindName() {
            return value == null ? "null" : "a scalar";
        }
    }

    /**
     * @param values       entries in file order
     * @param keyLocations where each key was written (for unknown-key errors)
     */
    record Mapping(Map<String, ConfigNode> values, Map<String, ConfigLocation> keyLocations,
                   ConfigLocation location) implements ConfigNode {
        public Mapping {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            keyLocations = Map.copyOf(keyLocations);
        }

        @Override
        public String kindName() {
            return "a mapping";
        }
    }

    record Sequence(List<ConfigNode> items, ConfigLocation location) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kindName() {
            return "a list";
        }
    }
}
