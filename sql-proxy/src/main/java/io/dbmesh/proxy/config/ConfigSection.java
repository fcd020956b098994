package io.dbmesh.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reading of one YAML mapping, with errors that name the file, line and key. Every key read
 * is remembered so {@link #rejectUnknownKeys()} can refuse typos instead of silently ignoring them
 * (a config edit must never be a silent no-op). Values of keys listed as secret are never echoed in
 * error messages.
 */
public final class ConfigSection {
    private static final Set<String> SECRET_KEYS = Set.of("password", "secret", "private_key_password", "token");

    private final ConfigNode.Mapping node;
    private final String path;
    private final Set<String> consumed = new HashSet<>();

    /** @param path dotted path of this section, for messages (e.g. {@code data_sources.ds0}) */
    public ConfigSection(ConfigNode.Mapping node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Reads a node as a section, or fails naming the expected shape. */
    public static ConfigSection of(ConfigNode node, String path) {
        if (node instanceof ConfigNode.Mapping mapping) {
            return new ConfigSection(mapping, path);
        }
        throw new ConfigException(node.location(), "'" + path + "' must be a mapping of keys, not " + node.kindName());
    }

    public ConfigLocation location() {
        return node.location();
    }

    public String path() {
        return path;
    }

    public boolean has(String key) {
        ConfigNode value = node.values().get(key);
        return value != null && !(value instanceof ConfigNode.Scalar s && s.value() == null);
    }

    /** The raw node under {@code key} (marked as read), or null. */
    public ConfigNode node(String key) {
        consumed.add(key);
        return node.values().get(key);
    }

    public ConfigException error(String key, String problem) {
        ConfigNode value = node.values().get(key);
        return new ConfigException(value != null ? value.location() : node.location(), problem);
    }

    public String requiredString(String key) {
        String value = optionalString(key, null);
        if (value == null) {
            throw missing(key);
        }
        return value;
    }

    public String optionalString(String key, String defaultValue) {
        ConfigNode value = node(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof ConfigNode.Scalar scalar) {
            return scalar.value() == null ? defaultValue : scalar.value();
        }
        throw wrongType(key, value, "a text value");
    }

    public int optionalInt(String key, int defaultValue, int min, int max) {
        String text = optionalString(key, null);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(key, "'" + qualified(key) + "' must be a whole number, got " + shown(key, text));
        }
        if (value < min || value > max) {
            throw error(key, "'" + qualified(key) + "' must be between " + min + " and " + max + ", got " + shown(key, text));
        }
        return (int) value;
    }

    public boolean optionalBoolean(String key, boolean defaultValue) {
        String text = optionalString(key, null);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "'" + qualified(key) + "' must be true or false, got " + shown(key, text));
        };
    }

    /** A byte size such as {@code 65536}, {@code 64KiB}, {@code 16M}, {@code 1GiB} (units are binary, as in MySQL). */
    public long optionalSize(String key, long defaultValue, long min, long max) {
        String text = optionalString(key, null);
        if (text == null) {
            return defaultValue;
        }
        long value = ConfigValues.parseSize(text);
        if (value < 0) {
            throw error(key, "'" + qualified(key) + "' must be a size like 65536, 64KiB, 16MiB or 1GiB, got " + shown(key, text));
        }
        if (value < min || value > max) {
            throw error(key, "'" + qualified(key) + "' must be between " + min + " and " + max + " bytes, got " + shown(key, text));
        }
        return value;
    }

    /** A duration such as {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}. */
    public Duration optionalDuration(String key, Duration defaultValue) {
        String text = optionalString(key, null);
        if (text == null) {
            return defaultValue;
        }
        Duration value = ConfigValues.parseDuration(text);
        if (value == null) {
            throw error(key, "'" + qualified(key) + "' must be a duration like 500ms, 5s, 10m or 1h, got " + shown(key, text));
        }
        return value;
    }

    /** A list of text values; a single scalar is accepted as a one-element list. */
    public List<String> optionalStringList(String key, List<String> defaultValue) {
        ConfigNode value = node(key);
        if (value == null || value instanceof ConfigNode.Scalar s && s.value() == null) {
            return defaultValue;
        }
        if (value instanceof ConfigNode.Scalar scalar) {
            return List.of(scalar.value());
        }
        if (value instanceof ConfigNode.Sequence sequence) {
            List<String> out = new ArrayList<>();
            for (ConfigNode item : sequence.items()) {
                if (!(item instanceof ConfigNode.Scalar scalar) || scalar.value() == null) {
                    throw new ConfigException(item.location(), "'" + qualified(key) + "' must list text values, not " + item.kindName());
                }
                out.add(scalar.value());
            }
            return List.copyOf(out);
        }
        throw wrongType(key, value, "a list");
    }

    /** A nested section; absent means an empty one (so defaults apply). */
    public ConfigSection section(String key) {
        ConfigNode value = node(key);
        if (value == null || value instanceof ConfigNode.Scalar s && s.value() == null) {
            return new ConfigSection(new ConfigNode.Mapping(Map.of(), Map.of(), node.location()), qualified(key));
        }
        if (value instanceof ConfigNode.Mapping mapping) {
            return new ConfigSection(mapping, qualified(key));
        }
        throw wrongType(key, value, "a mapping");
    }

    /** A mapping of named entries (e.g. {@code data_sources: {ds0: {...}}}), each as a section, in file order. */
    public Map<String, ConfigSection> namedSections(String key) {
        ConfigSection holder = section(key);
        Map<String, ConfigSection> out = new LinkedHashMap<>();
        for (String name : holder.node.values().keySet()) {
            out.put(name, ConfigSection.of(holder.node(name), holder.qualified(name)));
        }
        return out;
    }

    /** A list of sections (e.g. {@code users: [{...}, {...}]}). */
    public List<ConfigSection> sectionList(String key) {
        ConfigNode value = node(key);
        if (value == null || value instanceof ConfigNode.Scalar s && s.value() == null) {
            return List.of();
        }
        if (!(value instanceof ConfigNode.Sequence sequence)) {
            throw wrongType(key, value, "a list");
        }
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            out.add(ConfigSection.of(sequence.items().get(i), qualified(key) + "[" + i + "]"));
        }
        return out;
    }

    /** Where a key of this section was written (its key, not its value). */
    public ConfigLocation keyLocation(String key) {
        ConfigLocation at = node.keyLocations().get(key);
        return at != null ? at : node.location();
    }

    /**
     * Fails on the first key not in {@code known}, before anything is bound: a misspelt section name
     * should be reported as such, not as the confusing consequence of the section being absent.
     */
    public void expectOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : node.values().keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException(keyLocation(key), "unknown key '" + key + "' in " + describe()
                        + " (expected one of: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Fails on the first key that nothing read: a typo or an option this version does not have. */
    public void rejectUnknownKeys() {
        for (String key : node.values().keySet()) {
            if (!consumed.contains(key)) {
                throw new ConfigException(keyLocation(key), "unknown key '" + key + "' in " + describe());
            }
        }
    }

    private String describe() {
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigException missing(String key) {
        return new ConfigException(node.location(), "missing required key '" + key + "' in " + describe());
    }

    private ConfigException wrongType(String key, ConfigNode value, String expected) {
        return new ConfigException(value.location(), "'" + qualified(key) + "' must be " + expected + ", not " + value.kindName());
    }

    private static String shown(String key, String value) {
        return SECRET_KEYS.contains(key) ? "(hidden)" : "'" + value + "'";
    }
}
