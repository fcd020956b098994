package io.dbmesh.proxy.session;

/**
 * A logical database served entirely by one data source: statements pass through unchanged, with
 * the data source's physical schema selected (its name may differ from the logical one).
 */
public record PassthroughDatabase(String name, String dataSource) implements LogicalDatabase {

    @Override
    public String defaultDataSource() {
        return dataSource;
    }
}
