package io.dbmesh.sharding.result;

/**
 * One column of a result set, carrying everything a MySQL ColumnDefinition41 packet needs, so a
 * backend's metadata reaches the client unchanged.
 *
 * @param charset collation id (63 = binary)
 * @param flags   MySQL column flags, see {@link ColumnFlags}
 */
public record Column(String schema, String table, String orgTable, String name, String orgName,
                     int charset, long length, ColumnType type, int flags, int decimals) {

    public boolean unsigned() {
        return (flags & ColumnFlags.UNSIGNED) != 0;
    }

    public boolean binary() {
        return charset == 63;
    }

    /** The same column under another visible name (alias); physical origin kept. */
    public Column withName(String newName) {
        return new Column(schema, table, orgTable, newName, orgName, charset, length, type, flags, decimals);
    }
}
