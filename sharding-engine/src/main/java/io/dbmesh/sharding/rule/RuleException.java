package io.dbmesh.sharding.rule;

import java.util.List;

/**
 * Invalid sharding rules. {@code path} names the offending key inside the {@code sharding:}
 * section (e.g. {@code [tables, t_order, key]}) so the config loader can point at its file and
 * line; {@code problem} says what is wrong in words a user understands.
 */
public class RuleException extends RuntimeException {
    private final List<String> path;
    private final String problem;

    public RuleException(List<String> path, String problem) {
        super((path.isEmpty() ? "sharding" : "sharding." + String.join(".", path)) + ": " + problem, null, false, false);
        this.path = List.copyOf(path);
        this.problem = problem;
    }

    public List<String> path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
