package io.dbmesh.sharding.plan;

import java.util.List;

/**
 * An executable plan: a small tree of primitives. Leaves are {@link Route}s (physical statements
 * sent through the ShardExecutor) and local answers ({@link Values}); inner nodes transform the
 * row streams of their inputs (merge-sort, aggregate, distinct, limit, project, …), the merge
 * helpers in {@code io.dbmesh.sharding.merge} do the work. Plans are immutable values: print them
 * with {@link PlanPrinter}, compare them in golden tests, run them with a plan executor.
 *
 * <p>A plan is bound: its physical statements carry concrete values. Prepared statements keep the
 * parsed, analysed form in the plan cache and are routed again for every execution.
 *
 * <p>Walking a tree: {@link PlanTrees} (every node, the Routes, the statements a node shows,
 * bottom-up rebuilds through {@link #withInputs}). Code that treats node kinds differently switches
 * over this sealed type with a case per kind and no {@code default}, so a new kind fails compilation
 * wherever it is not yet handled.
 */
public sealed interface Plan permits Route, MergeSort, Aggregate, Distinct, Limit, Project, MemorySort,
        Federated, Values, LogicalTableNames, GeneratedKey {

    /** One line naming the primitive and its parameters, e.g. {@code MergeSort [0 ASC, 2 DESC]}. */
    String label();

    /** Child plans whose rows this node consumes, in order. */
    List<Plan> inputs();

    /**
     * The same node over other inputs (as many as {@link #inputs()} has; a leaf takes none and is
     * itself): what a transformation of a whole tree rebuilds it with, see {@link PlanTrees}.
     */
    Plan withInputs(List<Plan> inputs);

    /** Whether executing the plan yields rows (a result set) rather than an update count. */
    boolean returnsRows();
}
