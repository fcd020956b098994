-- ==== DISTINCT and COUNT(DISTINCT): duplicates across shards must collapse.

-- Distinct statuses (values repeat on every shard).
SELECT DISTINCT status FROM t_order;

-- Distinct statuses in order (NULL first).
SELECT DISTINCT status FROM t_order ORDER BY status;

-- Distinct shard keys of orders.
SELECT DISTINCT user_id FROM t_order;

-- Distinct skus.
SELECT DISTINCT sku FROM t_order_item;

-- Distinct nullable integers.
SELECT DISTINCT region_id FROM t_user;

-- Distinct pairs.
SELECT DISTINCT status, YEAR(created_at) FROM t_order;

-- Distinct over an expression.
SELECT DISTINCT YEAR(created_at) AS y FROM t_order ORDER BY y;

-- Distinct amounts, the largest ten.
SELECT DISTINCT amount FROM t_order ORDER BY amount DESC LIMIT 10;

-- Distinct amounts, a page from the bottom.
SELECT DISTINCT amount FROM t_order ORDER BY amount LIMIT 10 OFFSET 5;

-- Distinct names under a binary no-pad collation (exact spellings; utf8mb4_bin would still pad).
SELECT DISTINCT name COLLATE utf8mb4_nopad_bin AS exact_name FROM t_user;

-- Distinct on one shard.
SELECT DISTINCT status FROM t_order WHERE user_id = 7;

-- Distinct with a parameter filter.
-- @params: 100.00
SELECT DISTINCT user_id FROM t_order WHERE amount = ?;

-- COUNT(DISTINCT) of a low-cardinality column.
SELECT COUNT(DISTINCT status) FROM t_order;

-- COUNT(DISTINCT) of the shard key.
SELECT COUNT(DISTINCT user_id) FROM t_order;

-- COUNT(DISTINCT) of skus (NULL not counted).
SELECT COUNT(DISTINCT sku) FROM t_order_item;

-- COUNT(DISTINCT) of names follows the collation: 'alice' and 'ALICE' count once.
SELECT COUNT(DISTINCT name) FROM t_user;

-- COUNT(DISTINCT) of names under a binary collation counts every spelling.
SELECT COUNT(DISTINCT name COLLATE utf8mb4_bin) FROM t_user;

-- COUNT(DISTINCT) of a nullable integer.
SELECT COUNT(DISTINCT region_id) FROM t_user;

-- COUNT(DISTINCT) over two columns.
SELECT COUNT(DISTINCT user_id, status) FROM t_order;

-- SUM(DISTINCT) and AVG(DISTINCT).
SELECT SUM(DISTINCT amount), AVG(DISTINCT qty) FROM t_order JOIN t_order_item USING (order_id, user_id);

-- SUM(DISTINCT) on a single sharded table.
SELECT SUM(DISTINCT price), COUNT(DISTINCT price) FROM t_order_item;

-- COUNT(DISTINCT) per group across shards.
SELECT status, COUNT(DISTINCT user_id) FROM t_order GROUP BY status;

-- COUNT(DISTINCT) per group, ordered.
SELECT sku, COUNT(DISTINCT user_id) AS buyers FROM t_order_item GROUP BY sku ORDER BY buyers DESC, sku LIMIT 10;

-- COUNT(DISTINCT) with other aggregates.
SELECT COUNT(*), COUNT(DISTINCT user_id), COUNT(DISTINCT status), SUM(amount) FROM t_order WHERE created_at >= '2025-01-01';

-- DISTINCT on the broadcast table column.
SELECT DISTINCT name FROM t_region WHERE region_id > 3;

-- DISTINCT over a join.
SELECT DISTINCT o.status FROM t_user u JOIN t_order o ON u.user_id = o.user_id WHERE u.balance < 0;
