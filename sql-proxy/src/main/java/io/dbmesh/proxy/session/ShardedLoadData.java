package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.LoadDataStatement;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * LOAD DATA LOCAL INFILE into a table of a sharded database. The backends cannot route a file's
 * rows, so the sidecar asks the client for the file, splits it into rows as it arrives
 * ({@link LoadDataRows}) and inserts them in batches of {@code INSERT … VALUES (?, …), …} with
 * bound values, which the sharding engine routes row by row by the shard key. As MariaDB does for
 * LOAD DATA LOCAL (it cannot stop the client's file half-way), a load without REPLACE behaves as
 * IGNORE: {@code INSERT IGNORE}, so a duplicate key skips its row and a field MariaDB cannot convert
 * (an empty field of a numeric column) is stored as MariaDB converts it (0) with a warning, also
 * under STRICT_TRANS_TABLES; {@code REPLACE} for REPLACE. A row with fewer or more fields than
 * columns counts MariaDB's warnings (1261 per missing field, 1262 once). Outside a transaction the batches run in one
 * the sidecar opens, so a failing batch loads nothing; the OK carries MariaDB's info text
 * ("Records: n  Deleted: 0  Skipped: 0  Warnings: 0") and warning count. Memory holds one batch.
 */
final class ShardedLoadData {
    static final int BATCH_ROWS = 500;

    /** How the session runs what the load needs. */
    interface Statements {
        /** A statement of the sharded database in use, with bound values. */
        void sharded(String sql, List<Object> parameters, ResultSink sink) throws MySqlException;

        /** BEGIN, COMMIT or ROLLBACK of the session. */
        void transaction(String sql, StatementKind kind, ResultSink sink) throws MySqlException;
    }

    private final Statements statements;

    ShardedLoadData(Statements statements) {
        this.statements = statements;
    }

    void run(String sql, ResultSink sink, boolean more, boolean inTransaction, Charset clientCharset) throws MySqlException {
        LoadDataStatement load = LoadDataStatement.parse(sql);
        Charset charset = charset(load.charset());
        List<Column> table = columnsOf(load.table());
        List<String> columns = load.columns().isEmpty() ? table.stream().map(ShardedLoadData::name).toList() : load.columns();
        List<ColumnType> types = new ArrayList<>();
        for (String c : columns) {
            types.add(table.stream().filter(t -> name(t).equalsIgnoreCase(c)).map(Column::type).findFirst().orElse(ColumnType.VAR_STRING));
        }
        InputStream file = sink.clientFile(load.fileName().getBytes(clientCharset));
        if (file == null) {
            throw new MySqlException(4166, "HY000", "The used command is not allowed because the MariaDB server"
                    + " or client has disabled the local infile capability");
        }
        Answer total = new Answer();
        long records = 0;
        boolean own = !inTransaction;
        try {
            if (own) transaction("BEGIN", StatementKind.BEGIN);
            LoadDataRows rows = new LoadDataRows(file, load);
            List<List<byte[]>> batch = new ArrayList<>();
            int width = -1;
            long skip = load.ignoreLines();
            for (List<byte[]> row; (row = rows.next()) != null; ) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                records++;
                // MariaDB's 1261 for each column without a field, 1262 once for a row with too many
                total.warnings += row.size() < columns.size() ? columns.size() - row.size() : row.size() > columns.size() ? 1 : 0;
                int w = Math.min(row.size(), columns.size());
                if ((w != width || batch.size() == BATCH_ROWS) && !batch.isEmpty()) {
                    insert(load, columns.subList(0, width), types, batch, charset, total);
                    batch.clear();
                }
                width = w;
                batch.add(row.size() > w ? row.subList(0, w) : row);
            }
            if (!batch.isEmpty()) insert(load, columns.subList(0, width), types, batch, charset, total);
            if (own) transaction("COMMIT", StatementKind.COMMIT);
        } catch (MySqlException | RuntimeException e) {
            finish(file);
            if (own) rollback();
            throw e;
        } catch (IOException e) {
            finish(file);
            if (own) rollback();
            throw new MySqlException(1105, "HY000", "LOAD DATA LOCAL INFILE: " + e.getMessage());
        }
        finish(file);
        long deleted = load.duplicates().equals("REPLACE") ? Math.max(0, total.affected - records) : 0;
        long skipped = load.duplicates().equals("REPLACE") ? 0 : Math.max(0, records - total.affected);
        sink.ok(new UpdateResult(total.affected, 0, total.warnings, "Records: " + records + "  Deleted: " + deleted
                + "  Skipped: " + skipped + "  Warnings: " + total.warnings), more);
    }

    private void insert(LoadDataStatement load, List<String> columns, List<ColumnType> types, List<List<byte[]>> rows,
                        Charset charset, Answer total)
            throws MySqlException {
        StringBuilder sql = new StringBuilder(load.duplicates().equals("REPLACE") ? "REPLACE" : "INSERT IGNORE");
        sql.append(" INTO `").append(load.table().replace("`", "``")).append("` (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "`" : ", `").append(columns.get(i).replace("`", "``")).append('`');
        }
        sql.append(") VALUES ");
        List<Object> values = new ArrayList<>(rows.size() * columns.size());
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                byte[] v = rows.get(r).get(i);
                values.add(v == LoadDataRows.NULL ? null : charset == null ? v : value(new String(v, charset), types.get(i)));
            }
            sql.append(')');
        }
        Answer answer = new Answer();
        statements.sharded(sql.toString(), values, answer);
        answer.check();
        total.affected += answer.affected;
        total.warnings += answer.warnings;
    }

    /**
     * A number for a numeric column (the shard functions compute on numbers: a key bound as text
     * could route elsewhere than the same key in an INSERT), else the text.
     */
    private static Object value(String text, ColumnType type) {
        if (!type.isInteger() && !type.isDecimal()) return text;
        try {
            return type.isInteger() ? (Object) Long.parseLong(text.trim()) : new java.math.BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return text; // MariaDB's own conversion (and its warning or error) then
        }
    }

    private static String name(Column c) {
        return c.orgName().isEmpty() ? c.name() : c.orgName();
    }

    /** The table's columns in order: the names for a statement without a column list, the types for the values. */
    private List<Column> columnsOf(String table) throws MySqlException {
        Answer answer = new Answer();
        statements.sharded("SELECT * FROM `" + table.replace("`", "``") + "` LIMIT 0", List.of(), answer);
        answer.check();
        return answer.columns;
    }

    /** null for CHARACTER SET binary: the bytes are bound as they are. */
    private static Charset charset(String name) throws MySqlException {
        if (name == null || name.startsWith("utf8")) return StandardCharsets.UTF_8;
        if (name.equals("binary")) return null;
        if (name.equals("latin1")) return Charset.forName("windows-1252");
        if (name.equals("ascii")) return StandardCharsets.US_ASCII;
        throw MySqlException.notSupported("LOAD DATA LOCAL INFILE … CHARACTER SET " + name + " into a sharded table");
    }

    private static void finish(InputStream file) {
        try {
            file.close(); // what the client still sends, before the answer
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void transaction(String sql, StatementKind kind) throws MySqlException {
        Answer answer = new Answer();
        statements.transaction(sql, kind, answer);
        answer.check();
    }

    private void rollback() {
        try {
            statements.transaction("ROLLBACK", StatementKind.ROLLBACK, new Answer());
        } catch (MySqlException | RuntimeException ignored) {
            // the load's own error is the one the client gets
        }
    }

    /** What a statement the load runs answered. */
    private static final class Answer implements ResultSink {
        long affected;
        int warnings;
        List<Column> columns = List.of();
        MySqlException error;

        void check() throws MySqlException {
            if (error != null) throw error;
        }

        @Override
        public void ok(UpdateResult result, boolean more) {
            affected += result.affectedRows();
            warnings += result.warnings();
        }

        @Override
        public void rows(RowCursor cursor, boolean more) {
            try (cursor) {
                columns = List.copyOf(cursor.columns());
            }
        }

        @Override
        public void error(int errorCode, String sqlState, String message) {
            error = new MySqlException(errorCode, sqlState, message);
        }
    }
}
