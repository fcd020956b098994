package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.sharding.merge.ListCursor;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.txn.InDoubtBranch;
import io.dbmesh.txn.Resolution;
import io.dbmesh.txn.TransactionInfo;
import io.dbmesh.txn.XaCoordinator;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The sidecar's own transaction statements: {@code SHOW DBMESH TRANSACTIONS} (open XA transactions of
 * every session: session, xid, data sources, age, state), {@code SHOW DBMESH INDOUBT} (prepared dbmesh
 * branches on the backends now, with the log's decision and the owner's lease) and
 * {@code DBMESH RECOVER} (a recovery pass now; one row per branch it resolved or left).
 */
final class TransactionTables {
    private static final Pattern TRANSACTIONS = statement("SHOW\\s+DBMESH\\s+TRANSACTIONS");
    private static final Pattern INDOUBT = statement("SHOW\\s+DBMESH\\s+INDOUBT");
    private static final Pattern RECOVER = statement("DBMESH\\s+RECOVER");
    private static final int UTF8MB4 = 45;

    private TransactionTables() {
    }

    private static Pattern statement(String words) {
        return Pattern.compile("\\s*" + words + "\\s*;?\\s*", Pattern.CASE_INSENSITIVE);
    }

    /**
     * The answer to one of the statements, or null when {@code sql} is none of them. A user who is
     * not an admin sees only the transactions of its own sessions ({@code ownSession} tells by
     * session id) and may not look at or resolve the backends' in-doubt branches (1227).
     */
    static RowCursor answer(String sql, Transactions transactions, boolean admin, Predicate<String> ownSession)
            throws MySqlException {
        if (TRANSACTIONS.matcher(sql).matches()) return open(transactions, admin ? s -> true : ownSession);
        boolean inDoubt = INDOUBT.matcher(sql).matches();
        boolean recover = !inDoubt && RECOVER.matcher(sql).matches();
        if (!inDoubt && !recover) return null;
        if (!admin) {
            throw new MySqlException(1227, "42000", "Access denied; you need the admin: true user setting for "
                    + (inDoubt ? "SHOW DBMESH INDOUBT" : "DBMESH RECOVER"));
        }
        XaCoordinator xa = transactions.xa();
        if (xa == null) {
            throw new MySqlException(1399, "XAE07", "no XA decision log is configured (transactions: {mode: xa} on a sharded database)");
        }
        try {
            return inDoubt ? inDoubt(xa.inDoubt()) : resolutions(xa.recover());
        } catch (SQLException e) {
            throw new MySqlException(1399, "XAE07", "XA recovery failed: " + e.getMessage());
        }
    }

    private static RowCursor open(Transactions transactions, Predicate<String> visible) {
        List<byte[][]> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        if (transactions.xa() != null) {
            for (TransactionInfo t : transactions.xa().open()) {
                if (!visible.test(t.session())) continue;
                rows.add(row(t.session(), t.xid(), t.mode(), String.join(",", t.dataSources()),
                        Long.toString(now - t.startedMillis()), t.state()));
            }
        }
        return cursor(List.of("session", "xid", "mode", "data_sources", "age_ms", "state"), List.of("age_ms"), rows);
    }

    private static RowCursor inDoubt(List<InDoubtBranch> branches) {
        List<byte[][]> rows = new ArrayList<>();
        for (InDoubtBranch b : branches) {
            rows.add(row(b.dataSource(), b.xid().toString(), b.owner(), b.ownerAlive() ? "alive" : "gone",
                    Long.toString(b.ageMillis()), b.decision() == null ? "none" : b.decision() == 'C' ? "commit" : "abort"));
        }
        return cursor(List.of("data_source", "xid", "owner", "owner_state", "age_ms", "decision"), List.of("age_ms"), rows);
    }

    private static RowCursor resolutions(List<Resolution> resolutions) {
        List<byte[][]> rows = new ArrayList<>();
        for (Resolution r : resolutions) rows.add(row(r.dataSource(), r.xid(), r.action(), r.reason(), r.error()));
        return cursor(List.of("data_source", "xid", "action", "reason", "error"), List.of(), rows);
    }

    private static byte[][] row(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) out[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        return out;
    }

    private static RowCursor cursor(List<String> names, List<String> numeric, List<byte[][]> rows) {
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(numeric.contains(name)
                    ? new Column("", "", "", name, name, 63, 20, ColumnType.LONGLONG, ColumnFlags.BINARY, 0)
                    : new Column("", "", "", name, name, UTF8MB4, 1024, ColumnType.VAR_STRING, 0, 0));
        }
        return new ListCursor(columns, rows);
    }
}
