package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.core.result.UpdateResult;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ShardExecutor over plain JDBC connections, one per data source name; records what it ran. */
public final class JdbcShardExecutor implements ShardExecutor {
    private final Map<String, Connection> dataSources;
    public final List<PhysicalStatement> executed = new ArrayList<>();

    public JdbcShardExecutor(Map<String, Connection> dataSources) {
        this.dataSources = dataSources;
    }

    @Override
    public ShardResult execute(PhysicalStatement statement) throws SQLException {
        Connection c = dataSources.get(statement.dataSource());
        if (c == null) throw new SQLException("unknown data source " + statement.dataSource());
        synchronized (executed) {
            executed.add(statement);
        }
        PreparedStatement ps = c.prepareStatement(statement.sql());
        for (int i = 0; i < statement.parameters().size(); i++) ps.setObject(i + 1, statement.parameters().get(i));
        if (ps.execute()) return new ShardResult.Rows(new MariaDb.JdbcCursor(ps, ps.getResultSet()));
        UpdateResult r = new UpdateResult(ps.getUpdateCount(), 0, 0, "");
        ps.close();
        return new ShardResult.Updated(r);
    }
}
