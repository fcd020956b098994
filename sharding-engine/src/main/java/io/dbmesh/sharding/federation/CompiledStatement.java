package io.dbmesh.sharding.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * One federated statement shape compiled by Calcite: parsed, validated, optimized and turned into
 * generated code inside a {@link PreparedStatement} of its own in-memory Calcite connection, whose
 * schema's tables read the shards bound to {@link #binding()} for the current execution. Executing
 * it again (with the same or other parameter values) runs that code without planning anything.
 * Used by one execution at a time ({@link PlanCache} lends it out).
 *
 * @param itemTexts the select-list texts, naming expression columns as MariaDB does
 */
record CompiledStatement(PlanCache.Key key, Connection connection, PreparedStatement statement, ScanBinding binding,
                         List<String> itemTexts) implements AutoCloseable {

    @Override
    public void close() {
        binding.unbind();
        try {
            statement.close();
            connection.close();
        } catch (SQLException ignored) {
            // closing an in-memory Calcite connection holds no resource worth reporting
        }
    }
}
