package io.dbmesh.proxy.session;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.util.List;

/** A small result the sidecar answers itself (SHOW DATABASES, COM_FIELD_LIST), held in memory. */
final class StaticRowCursor implements RowCursor {
    private final List<Column> columns;
    private final List<byte[][]> rows;
    private int index = -1;

    StaticRowCursor(List<Column> columns, List<byte[][]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (index + 1 >= rows.size()) {
            index = rows.size();
            return false;
        }
        index++;
        return true;
    }

    @Override
    public byte[] value(int i) {
        return rows.get(index)[i];
    }

    @Override
    public void close() {
        index = rows.size();
    }
}
