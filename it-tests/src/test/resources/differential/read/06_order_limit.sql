-- ==== ORDER BY with LIMIT/OFFSET: streaming merge-sort and limit rewriting.
-- Every ORDER BY ends with a unique key so the order is fully defined.

-- First ten users by key.
SELECT user_id, name FROM t_user ORDER BY user_id LIMIT 10;

-- Last ten users by key.
SELECT user_id, name FROM t_user ORDER BY user_id DESC LIMIT 10;

-- A page in the middle (LIMIT with OFFSET).
SELECT user_id, name FROM t_user ORDER BY user_id LIMIT 10 OFFSET 20;

-- The MySQL "LIMIT offset, count" form.
SELECT user_id FROM t_user ORDER BY user_id LIMIT 20, 10;

-- The whole table in key order.
SELECT user_id, name, region_id, created_at, balance FROM t_user ORDER BY user_id;

-- All orders in primary-key order (non-shard-key sort).
SELECT order_id, user_id, amount FROM t_order ORDER BY order_id;

-- Ties in amount broken by order id.
SELECT order_id, amount FROM t_order ORDER BY amount DESC, order_id LIMIT 15;

-- NULL amounts sort first ascending.
SELECT order_id, amount FROM t_order ORDER BY amount, order_id LIMIT 50;

-- NULL amounts sort last descending.
SELECT order_id, amount FROM t_order ORDER BY amount DESC, order_id DESC LIMIT 20 OFFSET 1950;

-- Datetime ordering with NULLs first.
SELECT order_id, created_at FROM t_order ORDER BY created_at, order_id LIMIT 40;

-- Datetime descending page.
SELECT order_id, created_at FROM t_order ORDER BY created_at DESC, order_id DESC LIMIT 5 OFFSET 3;

-- Mixed directions over three keys.
SELECT status, amount, order_id FROM t_order ORDER BY status, amount DESC, order_id LIMIT 25;

-- Mixed directions with a large offset.
SELECT status, amount, order_id FROM t_order ORDER BY status DESC, amount, order_id DESC LIMIT 10 OFFSET 1000;

-- Ordering by an expression.
SELECT order_id, amount FROM t_order WHERE amount IS NOT NULL ORDER BY amount * -1, order_id LIMIT 10;

-- Ordering by an alias.
SELECT order_id, qty * price AS line_total FROM t_order_item ORDER BY line_total DESC, order_id, item_id LIMIT 10;

-- Ordering by column positions.
SELECT user_id, balance FROM t_user ORDER BY 2, 1 LIMIT 12;

-- Ordering by a column that is not selected (must be fetched and hidden).
SELECT order_id FROM t_order ORDER BY amount DESC, order_id LIMIT 10;

-- Ordering by a hidden column and a selected one.
SELECT item_id, sku FROM t_order_item ORDER BY price, item_id LIMIT 10 OFFSET 100;

-- LIMIT 0 returns no rows but all columns.
SELECT user_id, name FROM t_user ORDER BY user_id LIMIT 0;

-- An offset past the end returns nothing.
SELECT order_id FROM t_order ORDER BY order_id LIMIT 10 OFFSET 5000;

-- An offset that leaves only a partial page.
SELECT order_id FROM t_order ORDER BY order_id LIMIT 10 OFFSET 1995;

-- LIMIT and OFFSET as parameters.
-- @params: 7, 14
SELECT user_id, name FROM t_user ORDER BY user_id LIMIT ? OFFSET ?;

-- LIMIT as a parameter with a filter parameter.
-- @params: 'PAID', 6
SELECT order_id, amount FROM t_order WHERE status = ? ORDER BY amount DESC, order_id LIMIT ?;

-- Ordering within one shard.
SELECT order_id, amount FROM t_order WHERE user_id = 7 ORDER BY amount DESC, order_id LIMIT 5;

-- Ordering over a few shards with an IN list.
SELECT order_id, user_id, created_at FROM t_order WHERE user_id IN (2, 3, 4, 5) ORDER BY created_at DESC, order_id LIMIT 8;

-- Balance ordering with negatives and NULLs.
SELECT user_id, balance FROM t_user ORDER BY balance, user_id LIMIT 30;

-- Price ordering on order items, a deep page.
SELECT item_id, price FROM t_order_item ORDER BY price DESC, item_id LIMIT 50 OFFSET 100;

-- The smallest key only.
SELECT user_id FROM t_user ORDER BY user_id LIMIT 1;

-- Ordering by a CASE expression.
SELECT order_id, status FROM t_order WHERE user_id = 1 ORDER BY CASE status WHEN 'NEW' THEN 0 WHEN 'PAID' THEN 1 ELSE 2 END, order_id;

-- ORDER BY a string column with uniform case plus a key.
SELECT sku, item_id FROM t_order_item ORDER BY sku DESC, item_id LIMIT 30;

-- ORDER BY with WHERE on a non-key range.
SELECT order_id, amount FROM t_order WHERE amount BETWEEN 100 AND 101 ORDER BY amount, order_id;

-- ORDER BY a date part, then the key.
SELECT order_id, created_at FROM t_order WHERE created_at IS NOT NULL ORDER BY MONTH(created_at), DAY(created_at), order_id LIMIT 15;

-- Ordering by user id then order id across the whole table.
SELECT user_id, order_id FROM t_order ORDER BY user_id DESC, order_id ASC LIMIT 40;

-- ORDER BY on the broadcast table.
SELECT region_id, name FROM t_region ORDER BY region_id DESC;

-- ORDER BY on the single table.
SELECT k FROM t_config ORDER BY k DESC;

-- A large LIMIT larger than the table.
SELECT user_id FROM t_user ORDER BY user_id DESC LIMIT 100000;

-- One prepared page query executed for consecutive pages.
-- @params: 10, 0 | 10, 10 | 10, 20 | 10, 1995
SELECT order_id, amount FROM t_order ORDER BY amount DESC, order_id LIMIT ? OFFSET ?;
