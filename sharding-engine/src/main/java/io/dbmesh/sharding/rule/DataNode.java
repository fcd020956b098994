package io.dbmesh.sharding.rule;

/** One physical table: a table name on a data source. */
public record DataNode(String dataSource, String table) {
    @Override
    public String toString() {
        return dataSource + "." + table;
    }
}
