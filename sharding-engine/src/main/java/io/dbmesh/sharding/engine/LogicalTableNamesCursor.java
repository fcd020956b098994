package io.dbmesh.sharding.engine;

import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * Metadata rows (SHOW TABLES, SHOW CREATE TABLE, information_schema) from a backend, renamed from
 * physical to logical table names: rows naming another shard's copy are dropped, the name column
 * is mapped, and in the CREATE TABLE text the quoted physical name becomes the logical one.
 */
final class LogicalTableNamesCursor extends ForwardingCursor {
    private final int nameColumn;
    private final int textColumn;
    private final Map<String, String> physicalToLogical;
    private final Set<String> hidden;
    private byte[] name;
    private byte[] text;

    LogicalTableNamesCursor(RowCursor input, int nameColumn, int textColumn, Map<String, String> physicalToLogical,
                            Set<String> hidden) {
        super(input);
        this.nameColumn = nameColumn;
        this.textColumn = textColumn;
        this.physicalToLogical = physicalToLogical;
        this.hidden = hidden;
    }

    @Override
    public boolean next() throws SQLException {
        while (input.next()) {
            byte[] raw = input.value(nameColumn);
            String physical = raw == null ? null : new String(raw, StandardCharsets.UTF_8);
            if (physical != null && hidden.contains(physical)) continue;
            String logical = physical == null ? null : physicalToLogical.get(physical);
            name = logical == null ? raw : logical.getBytes(StandardCharsets.UTF_8);
            text = null;
            if (textColumn >= 0 && logical != null && input.value(textColumn) != null) {
                String create = new String(input.value(textColumn), StandardCharsets.UTF_8);
                text = create.replace("`" + physical + "`", "`" + logical + "`").getBytes(StandardCharsets.UTF_8);
            }
            return true;
        }
        return false;
    }

    @Override
    public byte[] value(int index) {
        if (index == nameColumn) return name;
        if (index == textColumn && text != null) return text;
        return input.value(index);
    }

}
