package io.dbmesh.proxy.config;

import java.util.Set;

/**
 * A client account of the sidecar (independent of backend credentials).
 *
 * @param password  clear text as configured (may come from ${ENV}); never logged
 * @param databases logical databases this user may use; "*" grants all
 * @param authPlugin default plugin announced for this user: mysql_native_password or caching_sha2_password
 * @param admin     may run server-wide statements (SET GLOBAL, account management, files, …) and
 *                  reach schemas by physical name; others are confined to their logical databases
 */
public record UserConfig(String name, String password, Set<String> databases, String authPlugin, boolean admin) {

    /** A user that is not an admin. */
    public UserConfig(String name, String password, Set<String> databases, String authPlugin) {
        this(name, password, databases, authPlugin, false);
    }

    public boolean mayUse(String database) {
        return databases.contains("*") || databases.contains(database);
    }

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", password=***, databases=" + databases + ", authPlugin=" + authPlugin + ", admin=" + admin + "]";
    }
}
