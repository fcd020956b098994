package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;

import java.util.BitSet;

/**
 * {@code expression}: an {@link ArithmeticExpression} over the integer key; its result, floor
 * modulo the number of targets, is the target. E.g. {@code user_id / 2 % 2} as the table function
 * under a {@code mod} database function spreads users over 2 data sources × 2 tables.
 */
public final class ExpressionShardFunction implements ShardFunction {
    private final ArithmeticExpression expression;

    public ExpressionShardFunction(ArithmeticExpression expression) {
        this.expression = expression;
    }

    @Override
    public int shard(Object value, int shards) throws ShardingException {
        return target(KeyValues.asLong(value), shards);
    }

    private int target(long key, int shards) throws ShardingException {
        try {
            return (int) Math.floorMod(expression.evaluate(key), (long) shards);
        } catch (ArithmeticException e) {
            throw new ShardingException(1105, "HY000", "Sharding expression '" + expression + "' failed for key " + key + ": " + e.getMessage());
        }
    }

    @Override
    public BitSet shards(KeyRange range, int shards) throws ShardingException {
        return SmallRanges.shards(range, shards, k -> target(k, shards));
    }

    @Override
    public String describe() {
        return "expression(" + expression + ")";
    }
}
