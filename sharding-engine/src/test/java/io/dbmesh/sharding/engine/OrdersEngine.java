package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MergeSettings;

import io.dbmesh.sharding.federation.Federation;
import io.dbmesh.sharding.federation.OrdersFixtureAccess;
import io.dbmesh.sharding.plan.ShardingPlanner;

/**
 * The orders fixture (two real shards and one MariaDB holding all rows) with the planner and the
 * executor over it, as the engine's MariaDB comparison tests set it up: one place to open and close it.
 */
final class OrdersEngine implements AutoCloseable {
    final OrdersFixtureAccess fixture;
    final ShardingPlanner planner;
    final PlanExecutor executor;

    OrdersEngine() throws Exception {
        fixture = new OrdersFixtureAccess();
        planner = new ShardingPlanner(fixture.rules());
        executor = new PlanExecutor(fixture.executor(), Federation.lazy(fixture.rules()), MergeSettings.DEFAULTS);
    }

    @Override
    public void close() throws Exception {
        fixture.close();
    }
}
