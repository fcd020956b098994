package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.sql.DatabaseTargets;
import io.dbmesh.proxy.sql.QualifiedNames;
import io.dbmesh.proxy.sql.SchemaReferences;
import io.dbmesh.proxy.sql.ShowFilters;
import io.dbmesh.proxy.sql.StatementClassifier;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.proxy.sql.StatementPrivileges;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a user's {@code databases:} grant a boundary. Every statement of a user who is not an admin
 * is checked before it leaves the sidecar (statements run with the backend account's privileges,
 * which know nothing of sidecar users):
 * <ul>
 *   <li>every schema it names ({@link SchemaReferences}, {@link DatabaseTargets}) must be a logical
 *       database the user was granted — a physical name is not reachable by itself, nor are
 *       {@code mysql}, {@code performance_schema} and {@code sys}: 1044;</li>
 *   <li>{@code information_schema} tables are reached through {@link InformationSchemaAccess},
 *       which shows only the user's databases (the rest: 1142);</li>
 *   <li>server-wide and file statements need an admin ({@link StatementPrivileges}): 1227 — also
 *       inside PREPARE/EXECUTE IMMEDIATE strings and stored program bodies; SQL text that is only
 *       known at run time (PREPARE FROM @v) is refused, naming the feature.</li>
 * </ul>
 * Admins skip all of this (and pay nothing for it).
 */
final class Authorization {
    private final UserConfig user;
    private final ClientInfo client;
    private final LogicalDatabases databases;
    private final SessionState state;
    private final InformationSchemaAccess informationSchema;

    Authorization(UserConfig user, ClientInfo client, LogicalDatabases databases, SessionState state,
                  InformationSchemaAccess informationSchema) {
        this.user = user;
        this.client = client;
        this.databases = databases;
        this.state = state;
        this.informationSchema = informationSchema;
    }

    /** Whether statements are checked at all (not for admins). */
    boolean enforced() {
        return !user.admin();
    }

    /**
     * Checks {@code sql} and returns the text to run: {@code sql} itself, or with its
     * information_schema tables replaced by the user's view of them.
     */
    String check(String sql, StatementKind kind) throws MySqlException {
        if (!enforced()) {
            return sql;
        }
        return check(sql, kind, 0, noBackslashEscapes());
    }

    /** How the server reads the session's strings now (sql_mode NO_BACKSLASH_ESCAPES, from the last reply's status). */
    private boolean noBackslashEscapes() {
        return (state.lastBackendStatus & 0x0200) != 0;
    }

    private String check(String sql, StatementKind kind, int nesting, boolean nbe) throws MySqlException {
        if (nesting > 4) {
            throw MySqlException.notSupported("dynamic SQL nested more than 4 levels deep");
        }
        if (nesting > 0) {
            if (kind == StatementKind.KILL) throw privilege("SUPER", "KILL inside PREPARE or EXECUTE IMMEDIATE");
            if (kind == StatementKind.USE) throw privilege("SUPER", "USE inside PREPARE or EXECUTE IMMEDIATE");
        }
        try {
            if ((kind == StatementKind.SELECT || kind == StatementKind.DML) && !StatementPrivileges.mayNeedPrivilege(sql)) {
                // the hot path: a plain query names no file, no dynamic SQL, no server-wide statement
            } else {
                checkPrivileges(sql, nbe, nesting);
            }
        } catch (StatementPrivileges.Unanalysable e) {
            throw MySqlException.notSupported(e.getMessage() + " for a user who is not an admin");
        }
        return checkSchemas(sql, kind, nbe);
    }

    private void checkPrivileges(String sql, boolean nbe, int nesting) throws MySqlException, StatementPrivileges.Unanalysable {
        {
            StatementPrivileges.Requirement r = StatementPrivileges.required(sql, nbe);
            if (r != null) {
                throw privilege(r.privilege(), r.feature());
            }
            for (String inner : StatementPrivileges.dynamicSql(sql, nbe)) {
                // the text is parsed when it runs, maybe under another sql_mode: both readings must pass
                StatementKind innerKind = StatementClassifier.classify(inner);
                for (boolean mode : new boolean[]{false, true}) {
                    if (!check(inner, innerKind, nesting + 1, mode).equals(inner)) {
                        throw MySqlException.notSupported("information_schema tables inside PREPARE or EXECUTE IMMEDIATE"
                                + " for a user who is not an admin");
                    }
                }
            }
        }
    }

    private String checkSchemas(String sql, StatementKind kind, boolean nbe) throws MySqlException {
        for (SchemaReferences.Reference d : DatabaseTargets.find(sql)) {
            checkDatabase(d.schema());
        }
        if (LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(state.database) && kind != StatementKind.SHOW
                && kind != StatementKind.SET && !informationSchema.unqualifiedAllowed(sql)) {
            throw MySqlException.notSupported("unqualified information_schema tables for a user who is not an admin"
                    + " (write information_schema.TABLES …)");
        }
        if (kind == StatementKind.SHOW) {
            sql = ShowFilters.filter(sql, ShowFilters.stringList(visiblePhysicalSchemas()), currentPhysical());
        }
        if (!SchemaReferences.mayQualify(sql)) {
            return sql;
        }
        List<SchemaReferences.Reference> refs = SchemaReferences.find(sql, nbe);
        List<SchemaReferences.Reference> systemTables = new ArrayList<>();
        for (SchemaReferences.Reference ref : refs) {
            String schema = ref.schema();
            if (granted(schema)) {
                continue;
            }
            if (LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(schema)) {
                if (ref.role() == SchemaReferences.Role.ROUTINE) {
                    throw dbAccess(schema);
                }
                systemTables.add(ref);
                continue;
            }
            if (ref.role() == SchemaReferences.Role.UNCERTAIN && QualifiedNames.onlyTableAlias(sql, schema)) {
                continue; // a table alias in a position the scanner could not classify
            }
            throw dbAccess(schema);
        }
        return systemTables.isEmpty() ? sql : informationSchema.rewrite(sql, systemTables);
    }

    /** The physical schemas behind the user's logical databases. */
    List<String> visiblePhysicalSchemas() {
        List<String> out = new ArrayList<>();
        for (String logical : databases.visibleTo(user)) {
            for (String p : databases.physicalSchemas(logical)) {
                if (!out.contains(p)) out.add(p);
            }
        }
        return out;
    }

    /** The current database's physical schema as an identifier, or null. */
    private String currentPhysical() {
        if (state.database == null || databases.find(state.database) == null) return null;
        List<String> p = databases.physicalSchemas(state.database);
        return p.isEmpty() ? null : ShowFilters.identifier(p.get(0));
    }

    /** A database named as such (SHOW … FROM db, CREATE DATABASE db, …). */
    private void checkDatabase(String name) throws MySqlException {
        if (LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(name)) {
            return;
        }
        if (!granted(name)) {
            throw dbAccess(name);
        }
    }

    /** A logical database of this user: the only schema names a non-admin reaches. */
    private boolean granted(String schema) {
        return user.mayUse(schema) && databases.find(schema) != null;
    }

    MySqlException dbAccess(String schema) {
        return MySqlException.accessDeniedToDatabase(user.name(), SessionFactory.host(client), schema);
    }

    MySqlException privilege(String privilege, String feature) {
        return new MySqlException(1227, "42000", "Access denied; you need (at least one of) the " + privilege
                + " privilege(s) for this operation (" + feature + "; dbmesh user '" + user.name() + "' is not an admin)");
    }
}
