package io.dbmesh.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Hands config sections to binders that live outside this package (the sharding engine binds a
 * Jackson tree and reports errors as a key path), and maps such a path back to a file location.
 */
public final class ConfigNodes {
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private ConfigNodes() {
    }

    /**
     * The node as a Jackson tree. Unquoted numbers and booleans become numeric/boolean nodes (as a
     * YAML parser would make them), quoted values stay text, so {@code canConvertToInt()} works.
     */
    public static JsonNode toJson(ConfigNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (node) {
            case ConfigNode.Scalar s when s.value() == null -> f.nullNode();
            case ConfigNode.Scalar s when s.plain() && INTEGER.matcher(s.value()).matches() -> f.numberNode(Long.parseLong(s.value()));
            case ConfigNode.Scalar s when s.plain() && DECIMAL.matcher(s.value()).matches() -> f.numberNode(new java.math.BigDecimal(s.value()));
            case ConfigNode.Scalar s when s.plain() && (s.value().equals("true") || s.value().equals("false")) ->
                    f.booleanNode(Boolean.parseBoolean(s.value()));
            case ConfigNode.Scalar s -> f.textNode(s.value());
            case ConfigNode.Sequence seq -> {
                ArrayNode array = f.arrayNode();
                seq.items().forEach(item -> array.add(toJson(item)));
                yield array;
            }
            case ConfigNode.Mapping map -> {
                ObjectNode object = f.objectNode();
                map.values().forEach((k, v) -> object.set(k, toJson(v)));
                yield object;
            }
        };
    }

    /**
     * Where the node at {@code path} (mapping keys, or list indexes as numbers) was written; the
     * deepest existing ancestor when the path leads to something absent (e.g. a missing key).
     */
    public static ConfigLocation locate(ConfigNode root, List<String> path) {
        ConfigNode current = root;
        ConfigLocation at = root.location();
        for (String step : path) {
            ConfigNode next = switch (current) {
                case ConfigNode.Mapping map -> map.values().get(step);
                case ConfigNode.Sequence seq -> step.matches("\\d+") && Integer.parseInt(step) < seq.items().size()
                        ? seq.items().get(Integer.parseInt(step)) : null;
                case ConfigNode.Scalar s -> null;
            };
            if (next == null) {
                break;
            }
            // Point at the key when there is one: "key: value" reads best from its start.
            at = current instanceof ConfigNode.Mapping map ? map.keyLocations().get(step) : next.location();
            current = next;
        }
        return at;
    }
}
