package io.dbmesh.sharding.algorithm;

import java.util.Map;

/** A custom function registered through META-INF/services in the test resources. */
public class LastDigitFunctionFactory implements ShardFunctionFactory {
    @Override
    public String name() {
        return "last_digit";
    }

    @Override
    public ShardFunction create(Map<String, String> properties) {
        int offset = Integer.parseInt(properties.getOrDefault("offset", "0"));
        return new ShardFunction() {
            @Override
            public int shard(Object value, int shards) throws io.dbmesh.sharding.ShardingException {
                return (int) Math.floorMod(KeyValues.asLong(value) % 10 + offset, (long) shards);
            }

            @Override
            public String describe() {
                return "last_digit+" + offset;
            }
        };
    }
}
