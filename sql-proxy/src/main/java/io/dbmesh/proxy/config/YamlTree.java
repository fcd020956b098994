package io.dbmesh.proxy.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML text into a {@link ConfigNode} tree. We compose SnakeYAML's node graph instead of
 * binding straight to objects because only nodes carry marks (line/column), and every error the
 * loader reports later must point into the file.
 */
final class YamlTree {
    private YamlTree() {
    }

    /** @return the document's root, or an empty mapping for an empty document */
    static ConfigNode read(String text, String source, EnvSubstitution env) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(8 * 1024 * 1024);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            if (e.getContext() != null && e.getProblem() != null) {
                problem = e.getContext() + ": " + e.getProblem();
            }
            throw new ConfigException(location(source, mark), "invalid YAML: " + oneLine(problem));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigLocation(source, 1, 1), "invalid YAML: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            return new ConfigNode.Mapping(Map.of(), Map.of(), new ConfigLocation(source, 1, 1));
        }
        return convert(root, source, env);
    }

    private static ConfigNode convert(Node node, String source, EnvSubstitution env) {
        ConfigLocation where = location(source, node.getStartMark());
        return switch (node) {
            case ScalarNode scalar -> new ConfigNode.Scalar(
                    Tag.NULL.equals(scalar.getTag()) ? null : env.apply(scalar.getValue(), where),
                    scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN, where);
            case SequenceNode sequence -> {
                List<ConfigNode> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(convert(item, source, env));
                }
                yield new ConfigNode.Sequence(items, where);
            }
            case MappingNode mapping -> {
                Map<String, ConfigNode> values = new LinkedHashMap<>();
                Map<String, ConfigLocation> keyLocations = new HashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    ConfigLocation keyAt = location(source, tuple.getKeyNode().getStartMark());
                    if (!(tuple.getKeyNode() instanceof ScalarNode key) || Tag.NULL.equals(key.getTag())) {
                        throw new ConfigException(keyAt, "keys must be plain names");
                    }
                    if (values.containsKey(key.getValue())) {
                        throw new ConfigException(keyAt, "duplicate key '" + key.getValue() + "' (first written at line "
                                + keyLocations.get(key.getValue()).line() + ")");
                    }
                    keyLocations.put(key.getValue(), keyAt);
                    values.put(key.getValue(), convert(tuple.getValueNode(), source, env));
                }
                yield new ConfigNode.Mapping(values, keyLocations, where);
            }
            default -> throw new ConfigException(where, "unsupported YAML node");
        };
    }

    private static ConfigLocation location(String source, Mark mark) {
        return mark == null ? new ConfigLocation(source, 1, 1)
                : new ConfigLocation(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String oneLine(String text) {
        return text == null ? "unreadable document" : text.replaceAll("\\s+", " ").trim();
    }
}
