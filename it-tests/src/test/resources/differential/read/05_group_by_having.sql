-- ==== GROUP BY and HAVING: groups that span shards must be merged.

-- Count per status (NULL is its own group).
SELECT status, COUNT(*) FROM t_order GROUP BY status;

-- Every aggregate per status.
SELECT status, COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM t_order GROUP BY status;

-- Grouping by the shard key: each group lives on one shard.
SELECT user_id, COUNT(*), SUM(amount) FROM t_order GROUP BY user_id;

-- Grouping by a nullable integer column.
SELECT region_id, COUNT(*), AVG(balance) FROM t_user GROUP BY region_id;

-- Grouping by a function of a column.
SELECT YEAR(created_at), COUNT(*) FROM t_order GROUP BY YEAR(created_at);

-- Grouping by two functions.
SELECT YEAR(created_at) AS y, MONTH(created_at) AS m, COUNT(*), SUM(amount) FROM t_order GROUP BY YEAR(created_at), MONTH(created_at);

-- Grouping by sku over order items.
SELECT sku, SUM(qty), COUNT(*), MAX(price) FROM t_order_item GROUP BY sku;

-- Grouping by an alias.
SELECT YEAR(created_at) AS y, COUNT(*) AS n FROM t_order GROUP BY y;

-- Grouping by column position.
SELECT status, COUNT(*) FROM t_order GROUP BY 1;

-- Grouping by two columns.
SELECT status, user_id, COUNT(*) FROM t_order WHERE user_id IN (1, 2, 3) GROUP BY status, user_id;

-- Grouping by a boolean expression.
SELECT amount > 0 AS positive, COUNT(*) FROM t_order GROUP BY amount > 0;

-- Grouping with a WHERE on the key (one shard).
SELECT status, COUNT(*), SUM(amount) FROM t_order WHERE user_id = 7 GROUP BY status;

-- Grouping with the key as a parameter.
-- @params: 9
SELECT status, COUNT(*) FROM t_order WHERE user_id = ? GROUP BY status;

-- HAVING on a count.
SELECT user_id, COUNT(*) FROM t_order GROUP BY user_id HAVING COUNT(*) > 40;

-- HAVING on a sum, through an alias.
SELECT user_id, SUM(amount) AS total FROM t_order GROUP BY user_id HAVING total > 20000;

-- HAVING on an aggregate that is not selected.
SELECT status, COUNT(*) FROM t_order GROUP BY status HAVING MAX(amount) > 990;

-- HAVING on the grouping column.
SELECT region_id, COUNT(*) FROM t_user GROUP BY region_id HAVING region_id IS NULL OR region_id > 8;

-- HAVING with a parameter.
-- @params: 100
SELECT sku, COUNT(*) FROM t_order_item GROUP BY sku HAVING COUNT(*) > ?;

-- HAVING that keeps no group.
SELECT status, COUNT(*) FROM t_order GROUP BY status HAVING COUNT(*) > 100000;

-- HAVING on AVG.
SELECT sku, AVG(price) FROM t_order_item GROUP BY sku HAVING AVG(price) > 60;

-- Group count per status ordered by count and key (ties broken by status).
SELECT status, COUNT(*) AS c FROM t_order GROUP BY status ORDER BY c DESC, status;

-- Top ten users by total amount (ties broken by user id).
SELECT user_id, SUM(amount) AS total FROM t_order GROUP BY user_id ORDER BY total DESC, user_id LIMIT 10;

-- Top skus by quantity with OFFSET.
SELECT sku, SUM(qty) AS q FROM t_order_item GROUP BY sku ORDER BY q DESC, sku LIMIT 5 OFFSET 3;

-- Groups ordered by the grouping key descending.
SELECT region_id, COUNT(*) FROM t_user GROUP BY region_id ORDER BY region_id DESC;

-- Groups by name under a binary no-pad collation: every exact spelling (even "Bob" and "Bob ") is its own group.
SELECT name COLLATE utf8mb4_nopad_bin AS exact_name, COUNT(*) FROM t_user GROUP BY name COLLATE utf8mb4_nopad_bin;

-- Groups by name under the column collation: only the counts are deterministic, and they must
-- merge 'alice', 'Alice' and 'ALICE' (and accented forms) across shards into one group.
SELECT COUNT(*), MIN(user_id), MAX(user_id) FROM t_user GROUP BY name;

-- GROUP_CONCAT with its own ORDER BY, per user (groups live on one shard).
SELECT user_id, GROUP_CONCAT(order_id ORDER BY order_id) FROM t_order WHERE user_id IN (4, 5, 6) GROUP BY user_id;

-- GROUP_CONCAT of distinct statuses per user.
SELECT user_id, GROUP_CONCAT(DISTINCT status ORDER BY status SEPARATOR '|') FROM t_order WHERE user_id BETWEEN 10 AND 15 GROUP BY user_id;

-- GROUP_CONCAT over a group that spans shards.
SELECT status, GROUP_CONCAT(order_id ORDER BY order_id) FROM t_order WHERE amount = 49.50 AND created_at < '2023-03-01' GROUP BY status;

-- Group by a key and a date part, ordered by both.
SELECT user_id, YEAR(created_at) AS y, COUNT(*) FROM t_order WHERE user_id <= 3 GROUP BY user_id, YEAR(created_at) ORDER BY user_id, y;

-- COUNT per group without selecting the grouping column.
SELECT COUNT(*) FROM t_order GROUP BY status;

-- Sum of quantities per order for one user's orders.
SELECT order_id, SUM(qty), COUNT(*) FROM t_order_item WHERE user_id = 1 GROUP BY order_id;

-- Grouping by a CASE bucket.
SELECT CASE WHEN amount IS NULL THEN 'none' WHEN amount < 0 THEN 'refund' WHEN amount < 100 THEN 'small' ELSE 'large' END AS bucket, COUNT(*) FROM t_order GROUP BY bucket;

-- WITH ROLLUP adds subtotal rows.
-- (sharded: subtotal rows are not merged across shards; must be refused naming ROLLUP)
-- @sharded-rejects: ROLLUP
SELECT status, COUNT(*) FROM t_order GROUP BY status WITH ROLLUP;
