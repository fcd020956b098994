package io.dbmesh.sharding.algorithm;

import java.util.Map;

/**
 * A custom shard function found with {@link java.util.ServiceLoader}. Config names it by
 * {@link #name()} ({@code algorithm: my_fn}) and passes the other keys of its block as properties.
 */
public interface ShardFunctionFactory {

    String name();

    /** @throws IllegalArgumentException with a readable problem when a property is missing or wrong */
    ShardFunction create(Map<String, String> properties);
}
