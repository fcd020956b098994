-- ==== Ranges, BETWEEN and OR/AND combinations.

-- BETWEEN on the shard key.
SELECT user_id, name FROM t_user WHERE user_id BETWEEN 10 AND 20;

-- BETWEEN with the bounds as parameters.
-- @params: 30, 37
SELECT user_id, balance FROM t_user WHERE user_id BETWEEN ? AND ?;

-- NOT BETWEEN on the shard key.
SELECT COUNT(*) FROM t_user WHERE user_id NOT BETWEEN 10 AND 290;

-- Greater-than on the key.
SELECT user_id FROM t_user WHERE user_id > 295;

-- Less-than on the key.
SELECT user_id, name FROM t_user WHERE user_id < 5;

-- Half-open range written with two comparisons.
SELECT user_id FROM t_user WHERE user_id >= 100 AND user_id < 110;

-- A range that is empty because the bounds are reversed.
SELECT * FROM t_user WHERE user_id BETWEEN 20 AND 10;

-- A range over the very large keys.
SELECT user_id, name FROM t_user WHERE user_id > 8999999999;

-- A range on a datetime column (scatter).
SELECT order_id, created_at FROM t_order WHERE created_at BETWEEN '2024-01-01 00:00:00' AND '2024-01-03 23:59:59';

-- A datetime range with typed TIMESTAMP parameters.
-- @params: TIMESTAMP'2025-06-01 00:00:00', TIMESTAMP'2025-06-02 12:00:00'
SELECT order_id, user_id, created_at FROM t_order WHERE created_at >= ? AND created_at < ?;

-- A date parameter compared with a datetime column.
-- @params: DATE'2023-03-15'
SELECT user_id, created_at FROM t_user WHERE created_at >= ? AND created_at < '2023-04-01';

-- Decimal range including zero and negatives.
SELECT order_id, amount FROM t_order WHERE amount BETWEEN -10 AND 10;

-- Decimal range with decimal parameters.
-- @params: -5.50, 0.00
SELECT order_id, amount FROM t_order WHERE amount >= ? AND amount <= ?;

-- Negative balances.
SELECT user_id, balance FROM t_user WHERE balance < 0;

-- OR of two different keys.
SELECT user_id, name FROM t_user WHERE user_id = 1 OR user_id = 2;

-- OR of a key and a range of keys.
SELECT user_id FROM t_user WHERE user_id = 3 OR user_id BETWEEN 200 AND 205;

-- OR of the key and a non-key condition: must scatter.
SELECT order_id, user_id, status FROM t_order WHERE user_id = 1 OR status = 'REFUNDED';

-- OR of two AND groups, each with its own key.
SELECT order_id, user_id, status FROM t_order WHERE (user_id = 1 AND status = 'NEW') OR (user_id = 2 AND status = 'PAID');

-- OR of AND groups with parameters.
-- @params: 3, 'SHIPPED', 4, 'CANCELLED'
SELECT order_id, user_id, status FROM t_order WHERE (user_id = ? AND status = ?) OR (user_id = ? AND status = ?);

-- AND of an IN list and a range on the key: only 5 and 6 qualify.
SELECT user_id FROM t_user WHERE user_id IN (1, 5, 6, 250) AND user_id BETWEEN 4 AND 100;

-- AND of two contradicting key conditions: no rows.
SELECT * FROM t_user WHERE user_id = 1 AND user_id = 2;

-- Negation of a key condition: scatter.
SELECT COUNT(*) FROM t_user WHERE NOT (user_id = 1);

-- Inequality on the key.
SELECT COUNT(*) FROM t_order WHERE user_id <> 7;

-- LIKE prefix: under utf8mb4_general_ci 'a%' also matches 'A…' and 'Å…'.
SELECT user_id, name FROM t_user WHERE name LIKE 'a%';

-- LIKE with a parameter.
-- @params: '%mil%'
SELECT user_id, name FROM t_user WHERE name LIKE ?;

-- LIKE with an escaped underscore on the single table.
SELECT k, v FROM t_config WHERE k LIKE '%\_%';

-- NOT LIKE on a non-key column.
SELECT COUNT(*) FROM t_order_item WHERE sku NOT LIKE 'SKU-0%';

-- A regular expression on a string column.
SELECT user_id, name FROM t_user WHERE name REGEXP '^[zZ]';

-- Range on the key of order items combined with a non-key range.
SELECT item_id, user_id, qty, price FROM t_order_item WHERE user_id BETWEEN 20 AND 24 AND price > 100;

-- OR across columns of different tables' key-like columns on order items.
SELECT item_id FROM t_order_item WHERE user_id = 5 OR order_id = 100119;

-- Range on the key with ORDER BY and LIMIT.
SELECT user_id, name FROM t_user WHERE user_id > 150 ORDER BY user_id LIMIT 5;

-- IS NOT NULL and a range together.
SELECT order_id, amount FROM t_order WHERE amount IS NOT NULL AND amount > 990;
