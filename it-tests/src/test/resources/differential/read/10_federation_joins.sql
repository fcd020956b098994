-- ==== Joins that cannot be pushed down shard by shard: not on the shard key, or across
-- ==== differently sharded tables. These go through the federation layer.

-- Orders and items joined on order_id only (not on the shard key), for one order.
SELECT o.order_id, o.user_id, i.item_id, i.sku FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE o.order_id = 100119;

-- Orders and items joined on order_id only, counted over everything.
SELECT COUNT(*) FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id;

-- Orders and items joined on order_id only, aggregated per sku.
SELECT i.sku, COUNT(*), SUM(o.amount) FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id GROUP BY i.sku;

-- Items whose order does not exist (LEFT JOIN on a non-key column).
SELECT i.item_id, i.order_id FROM t_order_item i LEFT JOIN t_order o ON o.order_id = i.order_id WHERE o.order_id IS NULL;

-- A self join of orders on a non-key column (equal amounts) for one user.
SELECT a.order_id, b.order_id, a.amount FROM t_order a JOIN t_order b ON a.amount = b.amount AND a.order_id < b.order_id WHERE a.user_id = 1 AND b.user_id = 2;

-- A self join of users on name: equality follows the collation, so 'alice' = 'ALICE'.
SELECT a.user_id, b.user_id FROM t_user a JOIN t_user b ON a.name = b.name AND a.user_id < b.user_id WHERE a.user_id <= 12;

-- A self join of users on region (a non-key column).
SELECT a.user_id, b.user_id FROM t_user a JOIN t_user b ON a.region_id = b.region_id AND a.user_id < b.user_id WHERE a.user_id IN (1, 2) AND b.user_id < 40;

-- Join on the shard key hidden in an expression (the planner cannot see binding equality).
SELECT u.user_id, o.order_id FROM t_user u JOIN t_order o ON u.user_id = o.user_id + 0 WHERE u.user_id IN (4, 5);

-- Join of users with orders by a non-key equality (users whose id equals an order amount).
SELECT u.user_id, o.order_id FROM t_user u JOIN t_order o ON u.user_id = o.amount;

-- Join orders to items by order_id with an ORDER BY and LIMIT on top.
SELECT o.order_id, i.item_id, i.price FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id ORDER BY i.price DESC, i.item_id LIMIT 10;

-- Join by order_id with a filter on each side.
SELECT o.order_id, o.status, i.sku FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE o.status = 'REFUNDED' AND i.qty >= 5;

-- Join by order_id with a parameter.
-- @params: 'SKU-042'
SELECT o.order_id, o.user_id, i.qty FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE i.sku = ?;

-- Three tables: items to orders by order_id, orders to users by key.
SELECT u.name, o.order_id, i.sku FROM t_order_item i JOIN t_order o ON o.order_id = i.order_id JOIN t_user u ON u.user_id = o.user_id WHERE i.sku = 'SKU-001';

-- A non-equi join between users and the broadcast table.
SELECT u.user_id, r.region_id FROM t_user u JOIN t_region r ON r.region_id < u.region_id WHERE u.user_id = 3;

-- A cross join of a sharded table with the broadcast table, counted.
SELECT COUNT(*) FROM t_user CROSS JOIN t_region;

-- A cross join of the single table and the broadcast table, counted.
SELECT COUNT(*) FROM t_config, t_region;

-- Users joined with the single table (different data sources for three of four shards).
SELECT u.user_id, c.k FROM t_user u JOIN t_config c ON c.v = CAST(u.user_id AS CHAR) WHERE u.user_id < 2000;

-- Orders of users whose balance is below the order amount, aggregated.
SELECT COUNT(*) FROM t_user u JOIN t_order o ON u.user_id = o.user_id AND u.balance < o.amount;

-- Average item price per order status through a non-key join, ordered.
SELECT o.status, AVG(i.price) AS avg_price FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id GROUP BY o.status ORDER BY o.status;

-- Users in the same region as user 3 (join on a non-key column with a key filter).
SELECT b.user_id FROM t_user a JOIN t_user b ON b.region_id = a.region_id WHERE a.user_id = 3;

-- ==== One federated plan executed again with other parameters (the plan cache): each execution
-- ==== must answer, prune and push filters by its own values.

-- Join by order_id for one user given as a parameter: each value reads another shard.
-- @params: 3 | 4 | 3 | 17 | 2
SELECT o.order_id, i.item_id, i.sku FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE o.user_id = ? ORDER BY i.item_id;

-- A text parameter pushed to the shards: compared by the column's collation, whatever its case.
-- @params: 'SKU-042' | 'sku-042' | 'SKU-001'
SELECT o.order_id, i.item_id FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE i.sku = ? ORDER BY i.item_id;

-- A shard-key range and a decimal bound as parameters, in a subquery.
-- @params: 1, 9, 100.00 | 5, 30, 10.00 | 1, 9, 100.00
SELECT u.user_id, u.name FROM t_user u WHERE u.user_id BETWEEN ? AND ? AND u.user_id IN (SELECT o.user_id FROM t_order o JOIN t_order_item i ON i.order_id = o.order_id WHERE i.price > ?) ORDER BY u.user_id;
