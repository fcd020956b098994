-- ==== NULL semantics across merges.

-- Users without a name.
SELECT user_id FROM t_user WHERE name IS NULL;

-- Orders without an amount.
SELECT order_id, user_id, status FROM t_order WHERE amount IS NULL;

-- Orders with neither a status nor an amount, or both.
SELECT COUNT(*) FROM t_order WHERE (status IS NULL) = (amount IS NULL);

-- Items with a NULL in any nullable column.
SELECT item_id FROM t_order_item WHERE sku IS NULL OR qty IS NULL OR price IS NULL;

-- Comparing with NULL using = never matches.
SELECT COUNT(*) FROM t_order WHERE amount = NULL;

-- Null-safe comparison with NULL matches the NULLs.
SELECT COUNT(*) FROM t_order WHERE amount <=> NULL;

-- Null-safe comparison with a NULL parameter.
-- @params: NULL
SELECT COUNT(*) FROM t_order WHERE status <=> ?;

-- A NULL parameter tested with IS NULL.
-- @params: NULL
SELECT COUNT(*) FROM t_region WHERE ? IS NULL;

-- COALESCE in the projection.
SELECT user_id, COALESCE(name, '(none)') AS display FROM t_user WHERE user_id <= 60;

-- IFNULL and NULLIF.
SELECT item_id, IFNULL(qty, -99), NULLIF(qty, 0) FROM t_order_item WHERE user_id = 1;

-- ISNULL as a value.
SELECT user_id, ISNULL(created_at) FROM t_user WHERE user_id BETWEEN 1 AND 40;

-- Arithmetic with NULL yields NULL.
SELECT order_id, amount + NULL, amount * 2 FROM t_order WHERE user_id = 10;

-- CASE on NULL.
SELECT order_id, CASE WHEN status IS NULL THEN 'unknown' ELSE status END FROM t_order WHERE user_id = 11;

-- COUNT(*) against COUNT(column) per group.
SELECT status, COUNT(*), COUNT(amount), COUNT(created_at) FROM t_order GROUP BY status;

-- SUM and AVG of a group that only has NULL values.
SELECT SUM(amount), AVG(amount), MAX(amount) FROM t_order WHERE amount IS NULL;

-- MIN and MAX skip NULLs per group.
SELECT region_id, MIN(balance), MAX(balance) FROM t_user GROUP BY region_id;

-- The NULL group of a GROUP BY merges across shards into one row.
SELECT sku IS NULL AS no_sku, COUNT(*) FROM t_order_item GROUP BY sku IS NULL;

-- NULLs first in ascending order on a string column.
SELECT user_id, name FROM t_user ORDER BY name, user_id LIMIT 15;

-- NULLs last in descending order on a datetime column.
SELECT user_id, created_at FROM t_user ORDER BY created_at DESC, user_id LIMIT 15 OFFSET 300;

-- Sorting NULLs last on purpose with an IS NULL key.
SELECT order_id, amount FROM t_order WHERE user_id IN (1, 2) ORDER BY amount IS NULL, amount, order_id;

-- DISTINCT treats NULLs as one value.
SELECT DISTINCT qty FROM t_order_item;

-- LEFT JOIN produces NULLs that COUNT(column) skips.
SELECT u.user_id, COUNT(o.order_id), SUM(o.amount) FROM t_user u LEFT JOIN t_order o ON o.user_id = u.user_id WHERE u.user_id IN (5, 6, 17) GROUP BY u.user_id;

-- GREATEST and LEAST with NULLs.
SELECT order_id, GREATEST(amount, 0), LEAST(amount, 100) FROM t_order WHERE user_id = 12;

-- IN list with a NULL on a nullable column.
SELECT COUNT(*) FROM t_user WHERE region_id IN (11, NULL);

-- A nullable column compared with a parameter.
-- @params: 11
SELECT user_id FROM t_user WHERE region_id = ?;

-- NOT on a nullable comparison (NULL stays unknown).
SELECT COUNT(*) FROM t_order WHERE NOT (amount > 0);
