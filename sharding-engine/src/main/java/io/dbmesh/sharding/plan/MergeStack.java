package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.rewrite.MergeSpec;

import java.util.List;

/**
 * The merge primitives a {@link MergeSpec} describes, stacked over a scatter {@link Route} in the
 * order they apply: merge-sort, aggregate, memory sort, distinct, limit, project (hidden columns).
 * It lives with the plan nodes it builds, so the rewriter that decides the spec knows no plan types.
 */
final class MergeStack {
    private MergeStack() {
    }

    static Plan over(Route route, MergeSpec spec, List<Object> parameters) throws ShardingException {
        // explicit COLLATE of shard-query columns: the merge compares group/distinct/order keys by it
        Plan p = spec.collations().isEmpty() ? route : route.withCollations(spec.collations());
        if (!spec.mergeKeys().isEmpty()) p = new MergeSort(p, spec.mergeKeys());
        if (spec.groupBy() != null) p = new Aggregate(p, spec.groupBy(), spec.functions(), !spec.groupBy().isEmpty());
        long[] oc = spec.hasLimit() ? spec.offsetAndCount(parameters) : null;
        if (!spec.memoryKeys().isEmpty()) p = new MemorySort(p, spec.memoryKeys(), oc == null ? -1 : oc[0] + oc[1]);
        if (spec.distinct()) p = new Distinct(p, spec.hidden(), spec.distinctSorted());
        if (oc != null) p = new Limit(p, oc[0], oc[1]);
        if (spec.hidden() > 0) p = new Project(p, spec.hidden());
        return p;
    }
}
