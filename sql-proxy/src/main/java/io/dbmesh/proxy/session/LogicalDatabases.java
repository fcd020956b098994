package io.dbmesh.proxy.session;

import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.LogicalDatabaseConfig;
import io.dbmesh.proxy.config.UserConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The logical databases of a config snapshot, by name (case-sensitive, like MySQL on Linux). */
public final class LogicalDatabases {

    /** Visible to everyone and served by the backend itself. */
    public static final String INFORMATION_SCHEMA = "information_schema";

    private final Map<String, LogicalDatabase> byName;

    public LogicalDatabases(Map<String, LogicalDatabase> byName) {
        this(byName, Map.of());
    }

    /** @param physical the physical schemas behind each logical database (its data sources' databases) */
    public LogicalDatabases(Map<String, LogicalDatabase> byName, Map<String, List<String>> physical) {
        this(byName, physical, Map.of());
    }

    public LogicalDatabases(Map<String, LogicalDatabase> byName, Map<String, List<String>> physical,
                            Map<String, String> dataSourceSchemas) {
        this.byName = Map.copyOf(byName);
        this.order = List.copyOf(byName.keySet());
        this.physical = Map.copyOf(physical);
        this.dataSourceSchemas = Map.copyOf(dataSourceSchemas);
    }

    /** Data source → the physical schema its URL names. */
    private final Map<String, String> dataSourceSchemas;

    /** The physical schema of data source {@code ds}, or null when unknown. */
    public String schemaOf(String ds) {
        return dataSourceSchemas.get(ds);
    }

    private final Map<String, List<String>> physical;
    /** information_schema column lists per data source and table (InformationSchemaAccess), asked once. */
    final Map<String, List<String>> catalogColumns = new java.util.concurrent.ConcurrentHashMap<>();

    /** The physical schemas behind a logical database, empty when unknown. */
    public List<String> physicalSchemas(String logical) {
        return physical.getOrDefault(logical, List.of());
    }

    private final List<String> order;

    public static LogicalDatabases fromConfig(DbmeshConfig config) {
        Map<String, LogicalDatabase> m = new LinkedHashMap<>();
        Map<String, List<String>> physical = new LinkedHashMap<>();
        Map<String, String> dsSchemas = new LinkedHashMap<>();
        for (var e : config.dataSources().entrySet()) {
            String schema = e.getValue().jdbcUrl().database();
            if (schema != null) dsSchemas.put(e.getKey(), schema);
        }
        for (LogicalDatabaseConfig db : config.databases().values()) {
            m.put(db.name(), db.sharded() ? ShardedDatabase.of(db.name(), db.sharding())
                    : new PassthroughDatabase(db.name(), db.dataSource()));
            List<String> sources = db.sharded() ? db.sharding().dataSources() : List.of(db.dataSource());
            List<String> schemas = new ArrayList<>();
            for (String ds : sources) {
                DataSourceConfig dsc = config.dataSources().get(ds);
                if (dsc != null && !schemas.contains(dsc.jdbcUrl().database())) schemas.add(dsc.jdbcUrl().database());
            }
            physical.put(db.name(), List.copyOf(schemas));
        }
        return new LogicalDatabases(m, physical, dsSchemas);
    }

    /** Every logical database name, in config order. */
    public List<String> names() {
        return order;
    }

    public LogicalDatabase find(String name) {
        return name == null ? null : byName.get(name);
    }

    /** Names the user may see, in config order. */
    public List<String> visibleTo(UserConfig user) {
        List<String> names = new ArrayList<>();
        for (String n : order) {
            if (user.mayUse(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /** The database that serves a session with no database selected: the first one the user may use. */
    public LogicalDatabase defaultFor(UserConfig user) {
        for (String n : order) {
            if (user.mayUse(n)) {
                return byName.get(n);
            }
        }
        return order.isEmpty() ? null : byName.get(order.get(0));
    }
}
