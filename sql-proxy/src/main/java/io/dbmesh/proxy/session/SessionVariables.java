package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendTraits;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.sql.SetAssignment;
import io.dbmesh.proxy.sql.SetStatementParser;
import io.dbmesh.core.sql.SqlDialect;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a SET statement the backend has just accepted into session state to replay elsewhere.
 * Literal values are kept as written; anything computed ({@code @x = NOW()},
 * {@code sql_mode = CONCAT(@@sql_mode, …)}, {@code SET NAMES} with its implied collation) is read
 * back from the connection once, so a replay restores the value, not the expression.
 */
final class SessionVariables {

    /** The new state, and pins for what cannot be replayed (SET TRANSACTION, SET ROLE, …). */
    record Outcome(ConnectionState state, int pins) {
    }

    /** CLIENT_IGNORE_SPACE: the server adds IGNORE_SPACE to the session's sql_mode at connect. */
    static final int CLIENT_IGNORE_SPACE = 1 << 8;

    /**
     * The state a session starts with. Backend connections start with the server's global sql_mode
     * (JdbcUrls keeps Connector/J from adding its own modes); a client that asked for IGNORE_SPACE
     * in its handshake gets it added, as a MariaDB server would add it for that client.
     */
    static ConnectionState initial(int clientCapabilities) {
        return (clientCapabilities & CLIENT_IGNORE_SPACE) == 0 ? ConnectionState.INITIAL
                : ConnectionState.INITIAL.withVariable("sql_mode", "CONCAT(@@global.sql_mode, ',IGNORE_SPACE')");
    }

    private static final String[] CHARSET_VARIABLES = {"character_set_client", "character_set_connection",
            "character_set_results", "collation_connection"};

    Outcome afterSet(String sql, SqlDialect dialect, ConnectionState state, BackendConnection c) throws SQLException {
        ConnectionState s = state;
        Set<String> readBack = new LinkedHashSet<>();
        int pins = 0;
        BackendTraits traits = c.pool().traits();
        for (SetAssignment a : SetStatementParser.parse(sql, dialect)) {
            switch (a) {
                case SetAssignment.SystemVariable v -> {
                    if (v.global() || v.name().equals("autocommit")) {
                        continue; // global: not session state; autocommit: taken from the server status
                    }
                    if (v.name().startsWith("session_track_")) {
                        // the sidecar's own detection of untracked state (see Pins) relies on these:
                        // never replay them elsewhere; the connection stays the session's instead
                        pins |= Pins.UNTRACKED_STATE;
                        continue;
                    }
                    if (v.literal()) {
                        s = s.withVariable(v.name(), v.valueSql());
                    } else {
                        readBack.add(v.name());
                    }
                }
                case SetAssignment.UserVariable u -> {
                    if (u.literal()) {
                        s = s.withVariable(u.name(), u.valueSql());
                    } else {
                        readBack.add(u.name());
                    }
                }
                case SetAssignment.Charset ignored -> readBack.addAll(List.of(CHARSET_VARIABLES));
                case SetAssignment.Transaction t -> {
                    switch (t.scope()) {
                        case NEXT -> pins |= Pins.NEXT_TRANSACTION;
                        case SESSION -> {
                            readBack.add(traits.isolationVariable());
                            readBack.add(traits.readOnlyVariable());
                        }
                        case GLOBAL -> {
                        }
                    }
                }
                case SetAssignment.Other o -> {
                    if (!o.keyword().equals("PASSWORD")) {
                        pins |= Pins.UNTRACKED_STATE;
                    }
                }
            }
        }
        if (!readBack.isEmpty()) {
            s = readBack(c, s, new ArrayList<>(readBack));
        }
        return new Outcome(s, pins);
    }

    private static ConnectionState readBack(BackendConnection c, ConnectionState state, List<String> keys) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            if (i > 0) sql.append(", ");
            sql.append(k.startsWith("@") ? k : "@@session." + k);
        }
        boolean noBackslashEscapes = (c.serverStatus() & BackendConnection.STATUS_NO_BACKSLASH_ESCAPES) != 0;
        ConnectionState s = state;
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 0; i < keys.size(); i++) {
                String value = rs.getString(i + 1);
                String literal;
                if (value == null) {
                    literal = "NULL";
                } else if (numeric(md.getColumnType(i + 1))) {
                    literal = value;
                } else {
                    literal = io.dbmesh.core.sql.SqlLiterals.quote(value, noBackslashEscapes);
                }
                s = s.withVariable(keys.get(i), literal);
            }
        }
        return s;
    }

    private static boolean numeric(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.DOUBLE, Types.FLOAT, Types.REAL, Types.BIT, Types.BOOLEAN -> true;
            default -> false;
        };
    }
}
