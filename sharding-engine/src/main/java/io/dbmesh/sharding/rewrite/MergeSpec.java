package io.dbmesh.sharding.rewrite;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.algorithm.KeyValues;
import io.dbmesh.sharding.merge.AggregateFunction;
import io.dbmesh.sharding.merge.SortKey;
import io.dbmesh.sharding.parse.ValueRef;

import java.util.ArrayList;
import java.util.List;

/**
 * How the rows of a scatter SELECT are combined, decided when the statement is analysed:
 * merge-sort keys, partial-aggregate combination, a memory sort after aggregation, DISTINCT,
 * LIMIT/OFFSET and the number of trailing hidden columns. {@code plan.MergeStack} stacks the primitives over
 * the route in that order.
 *
 * @param groupBy      group column indexes, or null when there is no aggregation to merge
 * @param functions    one per shard-query column when aggregating
 * @param limitParams  0-based indexes of {@code ?} markers of the LIMIT clause, which the shard query
 *                     does not carry (its LIMIT is rendered as a number)
 */
public record MergeSpec(List<SortKey> mergeKeys, List<Integer> groupBy, List<AggregateFunction> functions,
                        List<SortKey> memoryKeys, boolean distinct, boolean distinctSorted,
                        ValueRef offset, ValueRef count, int hidden, List<Integer> limitParams,
                        java.util.Map<Integer, String> collations) {

    public MergeSpec {
        collations = java.util.Map.copyOf(collations);
    }

    public MergeSpec(List<SortKey> mergeKeys, List<Integer> groupBy, List<AggregateFunction> functions,
                     List<SortKey> memoryKeys, boolean distinct, boolean distinctSorted,
                     ValueRef offset, ValueRef count, int hidden, List<Integer> limitParams) {
        this(mergeKeys, groupBy, functions, memoryKeys, distinct, distinctSorted, offset, count, hidden, limitParams,
                java.util.Map.of());
    }

    public boolean hasLimit() {
        return count != null;
    }

    /** The shard query's LIMIT row count: offset + count, so the merged stream holds the answer. */
    public String shardLimit(List<Object> parameters) throws ShardingException {
        long[] oc = offsetAndCount(parameters);
        return Long.toString(oc[1] < 0 ? Long.MAX_VALUE : Math.addExact(oc[0], oc[1]));
    }

    /** {offset, count} of the LIMIT clause with the parameters bound; count -1 without LIMIT. */
    public long[] offsetAndCount(List<Object> parameters) throws ShardingException {
        long o = offset == null ? 0 : value(offset, parameters);
        long c = count == null ? -1 : value(count, parameters);
        return new long[]{o, c};
    }

    private static long value(ValueRef v, List<Object> parameters) throws ShardingException {
        Object x = v.resolve(parameters);
        if (x == null) throw new ShardingException(1210, "HY000", "Incorrect arguments to LIMIT");
        long l = KeyValues.asLong(x);
        if (l < 0) throw new ShardingException(1210, "HY000", "Incorrect arguments to LIMIT");
        return l;
    }

    /** Parameters without the LIMIT markers, for the shard queries. */
    public List<Object> shardParameters(List<Object> parameters) {
        if (limitParams.isEmpty()) return parameters;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) if (!limitParams.contains(i)) out.add(parameters.get(i));
        return out;
    }
}
