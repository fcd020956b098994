-- ==== DELETE by key and scattered, then read back.

-- Delete one row by key.
DELETE FROM t_order_item WHERE user_id = 3 AND item_id = (SELECT MIN(item_id) FROM (SELECT item_id FROM t_order_item WHERE user_id = 3) x);

-- Delete one user by key.
DELETE FROM t_user WHERE user_id = 300;

-- The user is gone.
SELECT COUNT(*) FROM t_user WHERE user_id = 300;

-- Delete by a prepared key.
-- @params: 299
DELETE FROM t_user WHERE user_id = ?;

-- Delete several shards' rows by IN list.
DELETE FROM t_order WHERE user_id IN (290, 291, 292, 293);

-- Their orders are gone.
SELECT COUNT(*) FROM t_order WHERE user_id BETWEEN 290 AND 293;

-- A scattered delete on non-key columns.
DELETE FROM t_order WHERE status = 'CANCELLED' AND amount < 0;

-- Counts per status after the scattered delete.
SELECT status, COUNT(*), SUM(amount) FROM t_order GROUP BY status;

-- A delete matching nothing.
DELETE FROM t_order WHERE order_id = 1;

-- Delete items of one order (binding: same shard as the order).
DELETE FROM t_order_item WHERE user_id = 1 AND order_id = 100090;

-- Delete orphan items by a range on a non-key column.
DELETE FROM t_order_item WHERE order_id >= 777000 AND order_id < 778000;

-- No orphan items remain.
SELECT COUNT(*) FROM t_order_item i LEFT JOIN t_order o ON o.order_id = i.order_id AND o.user_id = i.user_id WHERE o.order_id IS NULL;

-- Delete from the broadcast table.
DELETE FROM t_region WHERE region_id = 9;

-- Users of region 9 no longer join to a region.
SELECT COUNT(*) FROM t_user u JOIN t_region r ON r.region_id = u.region_id WHERE u.region_id = 9;

-- Delete from the single table.
DELETE FROM t_config WHERE v IS NULL;

-- The single table after the delete.
SELECT k FROM t_config ORDER BY k;

-- Delete with a range on the key and a parameter.
-- @params: 280, 285
DELETE FROM t_order_item WHERE user_id BETWEEN ? AND ?;

-- A scattered delete with a parameter.
-- @params: 5.00
DELETE FROM t_order_item WHERE price = ?;

-- Final totals of every table.
SELECT (SELECT COUNT(*) FROM t_user), (SELECT COUNT(*) FROM t_order), (SELECT COUNT(*) FROM t_order_item), (SELECT COUNT(*) FROM t_region), (SELECT COUNT(*) FROM t_config);

-- Final sums.
SELECT SUM(amount), SUM(user_id) FROM t_order;

-- Final item sums.
SELECT SUM(qty), SUM(price), COUNT(DISTINCT order_id) FROM t_order_item;

-- Delete everything of one table (scatter without WHERE).
DELETE FROM t_order_item;

-- The table is empty on every shard.
SELECT COUNT(*) FROM t_order_item;
