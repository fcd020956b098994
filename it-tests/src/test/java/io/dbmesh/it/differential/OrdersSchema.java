package io.dbmesh.it.differential;

import java.util.List;

/**
 * The orders schema of {@code conf/examples/orders.yaml} (issue 3 item 8), as logical DDL.
 * The same statements create the tables in the single database and, through the sidecar, the
 * sharded logical tables (which fan out to every physical table).
 */
public final class OrdersSchema {
    private OrdersSchema() {
    }

    /** Tables in load order; drop in reverse. */
    public static final List<String> TABLES = List.of("t_region", "t_config", "t_user", "t_order", "t_order_item");

    public static final List<String> CREATE = List.of(
            "CREATE TABLE t_region (region_id INT PRIMARY KEY, name VARCHAR(64))",
            "CREATE TABLE t_config (k VARCHAR(64) PRIMARY KEY, v VARCHAR(255))",
            "CREATE TABLE t_user (user_id BIGINT PRIMARY KEY, name VARCHAR(64), region_id INT, "
                    + "created_at DATETIME, balance DECIMAL(12,2))",
            "CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id BIGINT, status VARCHAR(16), "
                    + "amount DECIMAL(12,2), created_at DATETIME)",
            "CREATE TABLE t_order_item (item_id BIGINT PRIMARY KEY, order_id BIGINT, user_id BIGINT, "
                    + "sku VARCHAR(32), qty INT, price DECIMAL(10,2))");

    /**
     * Secondary indexes on the join columns: not part of the example's model, but without them
     * the non-key joins of the corpus are nested loops over thousands of rows on every shard,
     * and on the sidecar they exercise CREATE INDEX fan-out.
     */
    public static final List<String> INDEXES = List.of(
            "CREATE INDEX idx_order_user ON t_order (user_id)",
            "CREATE INDEX idx_item_order ON t_order_item (order_id)",
            "CREATE INDEX idx_item_user_order ON t_order_item (user_id, order_id)");
}
