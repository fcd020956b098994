package io.dbmesh.core.result;

/**
 * One column of a result set, carrying everything a MySQL ColumnDefinition41 packet needs, so a
 * backend's metadata reaches the client unchanged.
 *
 * @param charset       collation id (63 = binary)
 * @param flags         MySQL column flags, see {@link ColumnFlags}
 * @param extTypeName   MariaDB's extended type name ("uuid", "inet6", "point"…), "" when none
 * @param extTypeFormat MariaDB's extended format ("json" for a JSON column, which travels as LONGTEXT), "" when none
 */
public record Column(String schema, String table, String orgTable, String name, String orgName,
                     int charset, long length, ColumnType type, int flags, int decimals,
                     String extTypeName, String extTypeFormat) {

    public Column {
        if (extTypeName == null) extTypeName = "";
        if (extTypeFormat == null) extTypeFormat = "";
    }

    /** A column without MariaDB extended type information. */
    public Column(String schema, String table, String orgTable, String name, String orgName,
                  int charset, long length, ColumnType type, int flags, int decimals) {
        this(schema, table, orgTable, name, orgName, charset, length, type, flags, decimals, "", "");
    }

    public boolean unsigned() {
        return (flags & ColumnFlags.UNSIGNED) != 0;
    }

    public boolean binary() {
        return charset == 63;
    }

    /** Whether MariaDB's extended metadata says more about the column than its wire type. */
    public boolean extended() {
        return !extTypeName.isEmpty() || !extTypeFormat.isEmpty();
    }

    /** The same column under another visible name (alias); physical origin kept. */
    public Column withName(String newName) {
        return new Column(schema, table, orgTable, newName, orgName, charset, length, type, flags, decimals, extTypeName, extTypeFormat);
    }

    /** The same column as seen in another schema (the logical database instead of the physical one). */
    public Column withSchema(String newSchema) {
        return new Column(newSchema, table, orgTable, name, orgName, charset, length, type, flags, decimals, extTypeName, extTypeFormat);
    }
}
