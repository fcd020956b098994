package io.dbmesh.sharding.route;

import io.dbmesh.sharding.parse.ValueRef;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.algorithm.KeyRange;
import io.dbmesh.sharding.rule.ShardingStrategy;

import java.util.BitSet;
import java.util.List;

/**
 * Evaluates a {@link KeyCondition} with bound values against a table's strategy: the fewest node
 * indexes that can hold matching rows. AND intersects, OR unites, anything unknown is every node.
 */
public final class ShardRouter {
    private ShardRouter() {
    }

    public static Targets route(KeyCondition condition, ShardingStrategy strategy, List<Object> parameters) throws ShardingException {
        int n = strategy.nodes().size();
        Result r = eval(condition, strategy, parameters, n);
        RouteOpcode op;
        if (r.kind == RouteOpcode.SCATTER && r.nodes.cardinality() < n) op = RouteOpcode.IN;
        else op = r.kind;
        if (r.nodes.cardinality() == 1 && op != RouteOpcode.SCATTER) op = RouteOpcode.EQUAL;
        if (n > 1 && r.nodes.cardinality() == n) op = RouteOpcode.SCATTER; // conditions that narrow nothing
        if (r.nodes.isEmpty()) {
            // contradictory conditions (key = 1 AND key = 2): any one node answers "no rows" correctly
            BitSet one = new BitSet();
            one.set(0);
            return new Targets(RouteOpcode.EQUAL, one);
        }
        return new Targets(op, r.nodes);
    }

    private record Result(RouteOpcode kind, BitSet nodes) {
    }

    private static Result eval(KeyCondition c, ShardingStrategy s, List<Object> params, int n) throws ShardingException {
        return switch (c) {
            case KeyCondition.Any a -> new Result(RouteOpcode.SCATTER, all(n));
            case KeyCondition.Equal e -> new Result(RouteOpcode.EQUAL, one(s.nodeIndex(e.value().resolve(params))));
            case KeyCondition.In in -> {
                BitSet b = new BitSet(n);
                for (ValueRef v : in.values()) b.set(s.nodeIndex(v.resolve(params)));
                yield new Result(RouteOpcode.IN, b);
            }
            case KeyCondition.Range r -> {
                Object lo = r.lower() == null ? null : r.lower().resolve(params);
                Object hi = r.upper() == null ? null : r.upper().resolve(params);
                if ((r.lower() != null && lo == null) || (r.upper() != null && hi == null)) {
                    yield new Result(RouteOpcode.RANGE, new BitSet(n)); // comparison with NULL matches nothing
                }
                yield new Result(RouteOpcode.RANGE, s.nodeIndexes(new KeyRange(lo, r.lowerInclusive(), hi, r.upperInclusive())));
            }
            case KeyCondition.And and -> {
                Result best = null;
                BitSet b = all(n);
                for (KeyCondition t : and.terms()) {
                    Result r = eval(t, s, params, n);
                    b.and(r.nodes);
                    if (best == null || rank(r.kind) < rank(best.kind)) best = r;
                }
                yield new Result(best == null ? RouteOpcode.SCATTER : best.kind, b);
            }
            case KeyCondition.Or or -> {
                RouteOpcode worst = RouteOpcode.EQUAL;
                BitSet b = new BitSet(n);
                for (KeyCondition t : or.terms()) {
                    Result r = eval(t, s, params, n);
                    b.or(r.nodes);
                    if (rank(r.kind) > rank(worst)) worst = r.kind;
                }
                yield new Result(worst == RouteOpcode.EQUAL ? RouteOpcode.IN : worst, b);
            }
        };
    }

    private static int rank(RouteOpcode op) {
        return switch (op) {
            case EQUAL -> 0;
            case IN -> 1;
            case RANGE -> 2;
            default -> 3;
        };
    }

    private static BitSet all(int n) {
        BitSet b = new BitSet(n);
        b.set(0, n);
        return b;
    }

    private static BitSet one(int i) {
        BitSet b = new BitSet();
        b.set(i);
        return b;
    }
}
