package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.sql.SidecarValueRewriter;
import io.dbmesh.proxy.sql.StatementFeatures;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.proxy.sql.SystemSchemas;

import java.sql.SQLException;

import static io.dbmesh.proxy.sql.StatementFeatures.has;

/**
 * What the sidecar answers for itself inside a statement: {@code @@max_allowed_packet},
 * {@code @@version}, {@code @@version_comment} (the backend's, marked), {@code VERSION()}, {@code DATABASE()} and {@code CONNECTION_ID()}. The backend
 * would answer them with its own physical values, so they are spliced into the SQL as literals
 * before it leaves the sidecar.
 */
final class SidecarValues implements SidecarValueRewriter.Values {
    private final SessionEnvironment env;
    private final SessionState state;
    private final long connectionId;

    SidecarValues(SessionEnvironment env, SessionState state, long connectionId) {
        this.env = env;
        this.state = state;
        this.connectionId = connectionId;
    }

    /** {@code sql} with the sidecar's values in place, or {@code sql} itself when it names none. */
    String rewrite(String sql, StatementKind kind, int features) {
        if (!has(features, StatementFeatures.SIDECAR_VARIABLE | StatementFeatures.SIDECAR_FUNCTION)) {
            return sql;
        }
        // information_schema shows logical names (InformationSchemaAccess, the sharding engine), so there
        // DATABASE() is the logical name too; it stays the backend's only where the statement reads
        // performance_schema, mysql or sys, which name physical schemas
        return SidecarValueRewriter.rewrite(sql, this, !SystemSchemas.namedBesidesInformationSchema(sql));
    }

    @Override
    public String variable(String name) {
        if (name.equals("max_allowed_packet")) {
            return Long.toString(maxAllowedPacket());
        }
        if (name.equals(io.dbmesh.proxy.sql.SidecarVariables.CHARACTER_SET_CLIENT)) {
            return "'" + state.clientCharset.name() + "'";
        }
        if (name.equals(io.dbmesh.proxy.sql.SidecarVariables.VERSION_COMMENT)) {
            // the serving backend's own comment (its build, its distribution), marked
            return "'" + (versionComment() + io.dbmesh.proxy.sql.SidecarVariables.VERSION_COMMENT_MARK).replace("\\", "\\\\").replace("'", "''") + "'";
        }
        return version();
    }

    @Override
    public String database() {
        return state.database == null ? "NULL" : io.dbmesh.core.sql.SqlLiterals.quote(state.database, false);
    }

    @Override
    public String version() {
        return "'" + env.serverVersion().reported().replace("'", "''") + "'";
    }

    @Override
    public String connectionId() {
        return Long.toString(connectionId);
    }

    /** The {@code @@version_comment} of the serving data source's server ("" before one is in use or known). */
    private String versionComment() {
        try {
            if (state.serving != null) {
                return env.pools().select(state.serving.defaultDataSource(), AccessIntent.WRITE).traits().versionComment();
            }
        } catch (SQLException ignored) {
            // unknown then
        }
        return "";
    }

    /** What the sidecar accepts, and never more than the backend accepts. */
    long maxAllowedPacket() {
        long limit = env.maxAllowedPacket();
        try {
            if (state.serving != null) {
                long backend = env.pools().select(state.serving.defaultDataSource(), AccessIntent.WRITE).traits().maxAllowedPacket();
                if (backend > 0) {
                    limit = Math.min(limit, backend);
                }
            }
        } catch (SQLException ignored) {
            // the sidecar's own limit then
        }
        return limit;
    }
}
