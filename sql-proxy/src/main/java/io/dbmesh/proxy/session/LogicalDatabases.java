package io.dbmesh.proxy.session;

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
        this.byName = Map.copyOf(byName);
        this.order = List.copyOf(byName.keySet());
    }

    private final List<String> order;

    public static LogicalDatabases fromConfig(DbmeshConfig config) {
        Map<String, LogicalDatabase> m = new LinkedHashMap<>();
        for (LogicalDatabaseConfig db : config.databases().values()) {
            m.put(db.name(), db.sharded() ? ShardedDatabase.of(db.name(), db.sharding())
                    : new PassthroughDatabase(db.name(), db.dataSource()));
        }
        return new LogicalDatabases(m);
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
