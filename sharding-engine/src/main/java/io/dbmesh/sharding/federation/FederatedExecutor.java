package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;

/**
 * Runs a {@link Federated} statement: one the router could not push down, computed over the
 * logical tables by reading their shards through the session's {@link ShardExecutor}. The plan
 * executor only sees this interface, so the heavy engine behind it (Apache Calcite) is loaded on
 * the first federated statement, never at sidecar start.
 */
public interface FederatedExecutor {

    RowCursor execute(Federated statement, ShardExecutor shards) throws SQLException;

    /** For configurations without federation: every federated statement is refused, naming why. */
    FederatedExecutor UNSUPPORTED = (statement, shards) -> {
        throw io.dbmesh.sharding.ShardingException.notSupported(statement.reason());
    };
}
