package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that walks plan trees: every node, the {@link Route}s, the physical statements a
 * node shows. The printer, EXPLAIN ROUTE, the executor and the proxy ask here instead of each
 * following {@link Plan#inputs()} with its own {@code instanceof} chain (which missed node kinds).
 * Node-kind decisions are exhaustive switches over the sealed {@link Plan}: a new kind fails
 * compilation until it is handled.
 */
public final class PlanTrees {
    private PlanTrees() {
    }

    /**
     * A statement as a plan shows it.
     *
     * @param dataSource where it runs; null for a federated statement (Calcite runs it over the shards)
     */
    public record Shown(String dataSource, String sql, List<Object> parameters) {
    }

    /** Every node of the tree, each before its inputs (depth first, inputs in order). */
    public static List<Plan> nodes(Plan root) {
        List<Plan> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Plan node, List<Plan> out) {
        out.add(node);
        for (Plan input : node.inputs()) collect(input, out);
    }

    /** The Routes of the tree, in {@link #nodes} order. */
    public static List<Route> routes(Plan root) {
        List<Route> out = new ArrayList<>();
        for (Plan node : nodes(root)) {
            if (node instanceof Route r) out.add(r);
        }
        return out;
    }

    /** The statements this node itself carries (not its inputs'): a Route's physical ones, a Federated one. */
    public static List<Shown> statements(Plan node) {
        return switch (node) {
            case Route r -> {
                List<Shown> out = new ArrayList<>(r.statements().size());
                for (PhysicalStatement s : r.statements()) out.add(new Shown(s.dataSource(), s.sql(), s.parameters()));
                yield out;
            }
            case Federated f -> List.of(new Shown(null, f.sql(), f.parameters()));
            case MergeSort m -> List.of();
            case Aggregate a -> List.of();
            case Distinct d -> List.of();
            case Limit l -> List.of();
            case Project p -> List.of();
            case MemorySort s -> List.of();
            case Values v -> List.of();
            case LogicalTableNames n -> List.of();
            case GeneratedKey g -> List.of();
        };
    }

    /** Whether any part of the plan runs in the federation. */
    public static boolean federated(Plan root) {
        if (root instanceof Federated) return true;
        for (Plan input : root.inputs()) {
            if (federated(input)) return true;
        }
        return false; // (asked for every sharded statement: walks without collecting)
    }

    /** Physical statements of the plan's Routes (1: a single shard; more: a scatter merged in the sidecar). */
    public static int physicalStatementCount(Plan root) {
        int n = root instanceof Route r ? r.statements().size() : 0;
        for (Plan input : root.inputs()) n += physicalStatementCount(input);
        return n;
    }

    /** The data sources the plan's Routes send statements to, in order of first use. */
    public static Set<String> dataSources(Plan root) {
        Set<String> out = new LinkedHashSet<>();
        for (Route r : routes(root)) {
            for (PhysicalStatement s : r.statements()) out.add(s.dataSource());
        }
        return out;
    }
}
