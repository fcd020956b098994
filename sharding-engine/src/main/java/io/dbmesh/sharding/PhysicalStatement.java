package io.dbmesh.sharding;

import java.util.List;

/**
 * One statement as a backend runs it: the data source (by its configured name), SQL in terms of
 * physical tables, and the values of its {@code ?} markers in order. Parameter values are plain
 * Java objects a JDBC driver accepts with {@code setObject}: null, Long/Integer, BigDecimal,
 * Double/Float, String, byte[], java.time values, Boolean.
 */
public record PhysicalStatement(String dataSource, String sql, List<Object> parameters) {

    public PhysicalStatement {
        parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    public PhysicalStatement(String dataSource, String sql) {
        this(dataSource, sql, List.of());
    }
}
