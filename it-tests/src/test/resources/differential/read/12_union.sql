-- ==== UNION, UNION ALL, INTERSECT, EXCEPT.

-- UNION ALL of two point lookups on different shards.
SELECT user_id, name FROM t_user WHERE user_id = 1 UNION ALL SELECT user_id, name FROM t_user WHERE user_id = 2;

-- UNION ALL keeps duplicates.
SELECT status FROM t_order WHERE user_id = 1 UNION ALL SELECT status FROM t_order WHERE user_id = 2;

-- UNION removes duplicates.
SELECT status FROM t_order WHERE user_id = 1 UNION SELECT status FROM t_order WHERE user_id = 2;

-- UNION of scatter queries.
SELECT user_id FROM t_order WHERE amount > 995 UNION SELECT user_id FROM t_order_item WHERE price > 199;

-- UNION with an ORDER BY and LIMIT applying to the whole result.
SELECT user_id, amount FROM t_order WHERE user_id = 3 UNION SELECT user_id, amount FROM t_order WHERE user_id = 4 ORDER BY amount DESC, user_id LIMIT 5;

-- UNION ALL of a sharded and the broadcast table.
SELECT region_id AS id FROM t_region UNION ALL SELECT user_id FROM t_user WHERE user_id < 5;

-- UNION of the single table and the broadcast table; labels come from the first branch.
SELECT k AS label FROM t_config WHERE k LIKE 'app%' UNION SELECT name FROM t_region WHERE region_id < 3;

-- Counting over a UNION ALL in a derived table.
SELECT COUNT(*) FROM (SELECT user_id FROM t_order UNION ALL SELECT user_id FROM t_order_item) x;

-- Parenthesised branches with their own LIMIT.
(SELECT order_id FROM t_order ORDER BY order_id LIMIT 3) UNION ALL (SELECT order_id FROM t_order ORDER BY order_id DESC LIMIT 3);

-- UNION of three branches.
SELECT 'u' AS kind, COUNT(*) AS n FROM t_user UNION ALL SELECT 'o', COUNT(*) FROM t_order UNION ALL SELECT 'i', COUNT(*) FROM t_order_item;

-- UNION with parameters in both branches.
-- @params: 5, 6
SELECT user_id, name FROM t_user WHERE user_id = ? UNION SELECT user_id, name FROM t_user WHERE user_id = ?;

-- UNION DISTINCT of names under a binary no-pad collation.
-- (sharded: a UNION is federated, and the federation has no COLLATE; refused by name)
-- @sharded-rejects: COLLATE
SELECT name COLLATE utf8mb4_nopad_bin AS n FROM t_user WHERE user_id < 20 UNION SELECT name COLLATE utf8mb4_nopad_bin FROM t_user WHERE user_id BETWEEN 15 AND 40;

-- INTERSECT of users with orders and users with refunds.
SELECT user_id FROM t_order WHERE status = 'REFUNDED' INTERSECT SELECT user_id FROM t_order WHERE amount < 0;

-- EXCEPT: users without any order.
SELECT user_id FROM t_user EXCEPT SELECT user_id FROM t_order;

-- UNION ALL of aggregates per table.
SELECT MAX(amount) FROM t_order UNION ALL SELECT MAX(price) FROM t_order_item;
