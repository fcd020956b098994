package io.dbmesh.txn;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How the coordinator reaches data sources on its own (decision log, heartbeat, recovery), outside
 * any session. The sidecar implements it over its pools.
 */
public interface ConnectionSource {

    /**
     * A connection to the primary of {@code dataSource}, in that data source's own database, with
     * autocommit on and no transaction open; {@link Connection#close()} gives it back.
     */
    Connection open(String dataSource) throws SQLException;

    /** Every data source that may hold dbmesh branches (what recovery scans). */
    List<String> dataSources();
}
