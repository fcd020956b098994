package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.rule.ShardingRules;

import java.sql.Connection;

/** The orders fixture for tests in other packages. */
public final class OrdersFixtureAccess implements AutoCloseable {
    private final OrdersFixture fixture;

    public OrdersFixtureAccess() throws Exception {
        fixture = new OrdersFixture();
    }

    public ShardingRules rules() {
        return fixture.rules;
    }

    public ShardExecutor executor() {
        return fixture.executor;
    }

    public Connection single() {
        return fixture.single;
    }

    @Override
    public void close() throws Exception {
        fixture.close();
    }
}
