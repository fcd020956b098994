package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MergeSettings;

import io.dbmesh.sharding.federation.Federation;
import io.dbmesh.sharding.federation.OrdersFixtureAccess;
import io.dbmesh.sharding.plan.ShardingPlanner;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The orders fixture (two real shards and one MariaDB holding all rows) with the planner and the
 * executor over it, as the engine's MariaDB comparison tests set it up: opened before a test class's
 * first test and closed after its last, by registering it once per class:
 * <pre>{@code @RegisterExtension static final OrdersEngine engine = new OrdersEngine();}</pre>
 */
final class OrdersEngine implements BeforeAllCallback, AfterAllCallback {
    OrdersFixtureAccess fixture;
    ShardingPlanner planner;
    PlanExecutor executor;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        fixture = new OrdersFixtureAccess();
        planner = new ShardingPlanner(fixture.rules());
        executor = new PlanExecutor(fixture.executor(), Federation.lazy(fixture.rules()), MergeSettings.DEFAULTS);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (fixture != null) fixture.close();
    }
}
