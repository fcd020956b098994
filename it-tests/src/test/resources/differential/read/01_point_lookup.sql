-- ==== Point lookups by the shard key (user_id): each should route to exactly one shard.

-- One user by its shard key, every column.
SELECT user_id, name, region_id, created_at, balance FROM t_user WHERE user_id = 17;

-- SELECT * expands to the logical columns in table order.
SELECT * FROM t_user WHERE user_id = 42;

-- The same lookup with the key as a prepared-statement parameter.
-- @params: 17
SELECT user_id, name, region_id, created_at, balance FROM t_user WHERE user_id = ?;

-- A key that exists on no shard returns an empty result with the right columns.
SELECT * FROM t_user WHERE user_id = 99999;

-- Prepared lookup of a missing key.
-- @params: 99999
SELECT * FROM t_user WHERE user_id = ?;

-- A very large key (hash/range algorithms must handle the full BIGINT width).
SELECT * FROM t_user WHERE user_id = 9000015554;

-- A very large key as a parameter.
-- @params: 9000046662
SELECT user_id, name, balance FROM t_user WHERE user_id = ?;

-- Key zero and a negative key: no rows, but routing must not fail.
SELECT * FROM t_user WHERE user_id = 0;

-- Negative key as a parameter.
-- @params: -1
SELECT * FROM t_user WHERE user_id = ?;

-- The shard key written on the right-hand side of the comparison.
SELECT name FROM t_user WHERE 17 = user_id;

-- The key given as a string literal: MariaDB converts it; routing must convert it the same way.
SELECT user_id, name FROM t_user WHERE user_id = '17';

-- The key given as a string parameter.
-- @params: '23'
SELECT user_id, name FROM t_user WHERE user_id = ?;

-- The key given as a decimal literal equal to an integer.
SELECT user_id, name FROM t_user WHERE user_id = 17.0;

-- The key as a decimal parameter.
-- @params: 23.0
SELECT user_id, name FROM t_user WHERE user_id = ?;

-- A table alias and alias-qualified columns.
SELECT u.user_id, u.name FROM t_user u WHERE u.user_id = 42;

-- The AS keyword for table and column aliases.
SELECT u.name AS who, u.balance AS money FROM t_user AS u WHERE u.user_id = 3;

-- Back-quoted identifiers everywhere.
SELECT `user_id`, `name` FROM `t_user` WHERE `user_id` = 5;

-- Table-qualified columns without an alias.
SELECT t_user.user_id, t_user.name FROM t_user WHERE t_user.user_id = 8;

-- Point lookup plus a non-key condition that filters the one row out.
SELECT * FROM t_user WHERE user_id = 17 AND balance < 0;

-- Point lookup plus a non-key condition that keeps it.
SELECT user_id, name FROM t_user WHERE user_id = 17 AND name IS NOT NULL;

-- The same key twice with OR still means one shard.
SELECT user_id FROM t_user WHERE user_id = 17 OR user_id = 17;

-- Null-safe equality on the shard key.
SELECT user_id, name FROM t_user WHERE user_id <=> 17;

-- Comparing the key with NULL matches nothing.
SELECT * FROM t_user WHERE user_id = NULL;

-- A NULL parameter for the key matches nothing either.
-- @params: NULL
SELECT * FROM t_user WHERE user_id = ?;

-- All orders of one heavy buyer (many rows on one shard).
SELECT order_id, user_id, status, amount, created_at FROM t_order WHERE user_id = 7;

-- Orders of one user with a second, non-key condition, both as parameters.
-- @params: 7, 'PAID'
SELECT order_id, amount FROM t_order WHERE user_id = ? AND status = ?;

-- The shard key and the primary key together.
SELECT * FROM t_order WHERE user_id = 1 AND order_id = 100090;

-- Order items of one order, by shard key and order id.
SELECT item_id, sku, qty, price FROM t_order_item WHERE user_id = 3 AND order_id = 100119;

-- Order items by shard key and order id as parameters.
-- @params: 2, 100317
SELECT item_id, sku, qty, price FROM t_order_item WHERE user_id = ? AND order_id = ?;

-- Lookup by primary key that is not the shard key: the engine has to scatter (or know better).
SELECT order_id, user_id, status, amount FROM t_order WHERE order_id = 100090;

-- Non-shard-key primary key lookup as a parameter.
-- @params: 101425
SELECT order_id, user_id, status FROM t_order WHERE order_id = ?;

-- Point lookup with LIMIT 1.
SELECT name FROM t_user WHERE user_id = 11 LIMIT 1;

-- Point lookup with a locking clause (autocommit, so it only has to be accepted).
SELECT user_id, balance FROM t_user WHERE user_id = 12 FOR UPDATE;

-- The key compared with an arithmetic expression; the engine may fold it or scatter, the answer is the same.
SELECT user_id, name FROM t_user WHERE user_id = 10 + 7;

-- Count of one user's orders.
SELECT COUNT(*) FROM t_order WHERE user_id = 7;

-- Count of one user's orders grouped by the key, key as a parameter.
-- @params: 9
SELECT user_id, COUNT(*) AS orders FROM t_order WHERE user_id = ? GROUP BY user_id;

-- One prepared lookup executed for keys on every shard, a missing key and a huge key: a plan or
-- route cached for the first execution must not answer the next ones.
-- @params: 1 | 2 | 3 | 4 | 99999 | 9000015554 | 5
SELECT user_id, name, balance FROM t_user WHERE user_id = ?;

-- One prepared join of a user's orders executed for several users.
-- @params: 6 | 7 | 8 | 17
SELECT u.name, o.order_id, o.amount FROM t_user u JOIN t_order o ON o.user_id = u.user_id WHERE u.user_id = ?;
