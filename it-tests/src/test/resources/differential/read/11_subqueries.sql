-- ==== Subqueries: IN, EXISTS, scalar, derived tables, CTEs.

-- IN subquery over a sharded table.
SELECT user_id, name FROM t_user WHERE user_id IN (SELECT user_id FROM t_order WHERE amount > 990);

-- NOT IN subquery (t_order.user_id has no NULLs).
SELECT COUNT(*) FROM t_user WHERE user_id NOT IN (SELECT user_id FROM t_order);

-- NOT IN over a subquery that returns a NULL is never true.
SELECT COUNT(*) FROM t_region WHERE region_id NOT IN (SELECT region_id FROM t_user);

-- NOT IN over a subquery with the NULLs filtered out.
SELECT region_id FROM t_region WHERE region_id NOT IN (SELECT region_id FROM t_user WHERE region_id IS NOT NULL AND user_id < 30);

-- Correlated EXISTS on the shard key.
SELECT u.user_id FROM t_user u WHERE EXISTS (SELECT 1 FROM t_order o WHERE o.user_id = u.user_id AND o.status = 'REFUNDED');

-- Correlated NOT EXISTS: users who never ordered.
SELECT u.user_id FROM t_user u WHERE NOT EXISTS (SELECT 1 FROM t_order o WHERE o.user_id = u.user_id);

-- Correlated EXISTS for one user.
SELECT u.user_id, u.name FROM t_user u WHERE u.user_id = 7 AND EXISTS (SELECT 1 FROM t_order o WHERE o.user_id = u.user_id AND o.amount < 0);

-- Correlated EXISTS on a non-key column.
SELECT o.order_id FROM t_order o WHERE o.user_id = 3 AND EXISTS (SELECT 1 FROM t_order_item i WHERE i.order_id = o.order_id AND i.qty = 5);

-- Scalar subquery in the select list, correlated on the key.
SELECT u.user_id, (SELECT COUNT(*) FROM t_order o WHERE o.user_id = u.user_id) AS orders FROM t_user u WHERE u.user_id <= 10;

-- Scalar subquery in WHERE (the global average).
SELECT COUNT(*) FROM t_order WHERE amount > (SELECT AVG(amount) FROM t_order);

-- Scalar subquery returning the global maximum.
SELECT order_id, user_id, amount FROM t_order WHERE amount = (SELECT MAX(amount) FROM t_order);

-- Derived table with GROUP BY, filtered outside.
SELECT status, c FROM (SELECT status, COUNT(*) AS c FROM t_order GROUP BY status) d WHERE c > 100;

-- An aggregate of an aggregate through a derived table.
SELECT MAX(s), MIN(s), COUNT(*) FROM (SELECT user_id, SUM(amount) AS s FROM t_order GROUP BY user_id) d;

-- Derived table with its own ORDER BY and LIMIT (top five amounts).
SELECT d.order_id, d.amount FROM (SELECT order_id, amount FROM t_order ORDER BY amount DESC, order_id LIMIT 5) d;

-- Two levels of derived tables.
SELECT y, SUM(n) FROM (SELECT y, status, COUNT(*) AS n FROM (SELECT YEAR(created_at) AS y, status FROM t_order) a GROUP BY y, status) b GROUP BY y;

-- Derived table joined with the broadcast table.
SELECT r.name, d.users FROM (SELECT region_id, COUNT(*) AS users FROM t_user GROUP BY region_id) d JOIN t_region r ON r.region_id = d.region_id;

-- IN subquery over the broadcast table.
SELECT user_id FROM t_user WHERE region_id IN (SELECT region_id FROM t_region WHERE name LIKE '%o%');

-- IN subquery over the single table.
SELECT user_id, name FROM t_user WHERE CAST(user_id AS CHAR) IN (SELECT v FROM t_config);

-- Comparison with ALL.
SELECT order_id, amount FROM t_order WHERE amount > ALL (SELECT amount FROM t_order WHERE user_id = 1 AND amount IS NOT NULL) AND user_id = 2;

-- Comparison with ANY.
SELECT COUNT(*) FROM t_order WHERE user_id = 3 AND amount < ANY (SELECT amount FROM t_order WHERE user_id = 4);

-- Subquery in HAVING.
-- (sharded: refused by design, division in federated queries differs in Calcite)
-- @sharded-rejects: division
SELECT user_id, COUNT(*) FROM t_order GROUP BY user_id HAVING COUNT(*) > (SELECT COUNT(*) / 100 FROM t_order);

-- IN subquery within the binding group on one shard.
SELECT order_id, amount FROM t_order WHERE user_id = 7 AND order_id IN (SELECT order_id FROM t_order_item WHERE user_id = 7 AND qty > 3);

-- IN subquery with a parameter inside.
-- @params: 'SKU-013'
SELECT order_id, user_id FROM t_order WHERE order_id IN (SELECT order_id FROM t_order_item WHERE sku = ?);

-- Scalar subquery on the single table in a projection.
SELECT user_id, (SELECT v FROM t_config WHERE k = 'app.name') AS app FROM t_user WHERE user_id = 5;

-- A common table expression.
WITH big AS (SELECT user_id, SUM(amount) AS total FROM t_order GROUP BY user_id) SELECT user_id, total FROM big WHERE total > 15000;

-- A common table expression used twice.
WITH s AS (SELECT status, COUNT(*) AS n FROM t_order GROUP BY status) SELECT a.status, a.n FROM s a WHERE a.n = (SELECT MAX(n) FROM s);

-- Derived table with DISTINCT counted outside.
SELECT COUNT(*) FROM (SELECT DISTINCT user_id FROM t_order_item) d;

-- Subquery in the FROM clause over a join.
SELECT d.region_id, d.total FROM (SELECT u.region_id, SUM(o.amount) AS total FROM t_user u JOIN t_order o ON o.user_id = u.user_id GROUP BY u.region_id) d WHERE d.total > 0;

-- EXISTS with no correlation (true when the table has rows).
SELECT COUNT(*) FROM t_region WHERE EXISTS (SELECT 1 FROM t_order WHERE amount < -190);

-- A correlated scalar subquery under ORDER BY … LIMIT with an offset (federated): Calcite pushed the
-- offset below the decorrelated join and kept it on top, answering no rows (random tester, query 50).
SELECT u.user_id, (SELECT COUNT(*) FROM t_order o WHERE o.user_id = u.user_id) AS orders FROM t_user u WHERE u.balance IS NOT NULL ORDER BY u.user_id LIMIT 22, 24;
