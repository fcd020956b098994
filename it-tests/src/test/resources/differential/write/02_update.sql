-- ==== UPDATE by key and scattered, then read back.

-- Update one row by its shard key.
UPDATE t_user SET balance = balance + 10 WHERE user_id = 17;

-- Read it back.
SELECT user_id, balance FROM t_user WHERE user_id = 17;

-- Update by shard key with parameters.
-- @params: 'Renamed', 18
UPDATE t_user SET name = ? WHERE user_id = ?;

-- Read it back.
SELECT user_id, name FROM t_user WHERE user_id = 18;

-- One prepared update executed for users on different shards.
-- @params: 1.11, 30 | 2.22, 31 | 3.33, 32 | 4.44, 33
UPDATE t_user SET balance = ? WHERE user_id = ?;

-- Read them back.
SELECT user_id, balance FROM t_user WHERE user_id BETWEEN 30 AND 33;

-- Update several shards through an IN list.
UPDATE t_user SET region_id = 10 WHERE user_id IN (1, 2, 3, 4);

-- Read them back.
SELECT user_id, region_id FROM t_user WHERE user_id IN (1, 2, 3, 4);

-- Update matching no row.
UPDATE t_user SET balance = 0 WHERE user_id = 99999;

-- A scattered update on a non-key column.
UPDATE t_order SET status = 'ARCHIVED' WHERE created_at < '2023-02-01';

-- Counts per status after the scattered update.
SELECT status, COUNT(*) FROM t_order GROUP BY status;

-- A scattered update with an expression.
UPDATE t_order_item SET price = price * 2 WHERE sku = 'SKU-007';

-- Read back the doubled prices.
SELECT SUM(price), COUNT(*) FROM t_order_item WHERE sku = 'SKU-007';

-- An update that sets a value equal to the current one (affected vs found rows).
UPDATE t_order SET status = status WHERE user_id = 5;

-- A range update on the key.
UPDATE t_order SET amount = 0 WHERE user_id BETWEEN 250 AND 260 AND amount < 0;

-- Read back the range.
SELECT order_id, amount FROM t_order WHERE user_id BETWEEN 250 AND 260 ORDER BY order_id;

-- Update with ORDER BY and LIMIT on one shard.
UPDATE t_order SET status = 'FIRST' WHERE user_id = 1 ORDER BY order_id LIMIT 2;

-- Read back that user's first orders.
SELECT order_id, status FROM t_order WHERE user_id = 1 ORDER BY order_id LIMIT 4;

-- Setting NULL.
UPDATE t_user SET created_at = NULL WHERE user_id = 20;

-- Read back the NULL.
SELECT user_id, created_at FROM t_user WHERE user_id = 20;

-- Update the broadcast table (every copy).
UPDATE t_region SET name = 'Amsterdam' WHERE region_id = 1;

-- The change is visible through joins on every shard.
SELECT r.name, COUNT(*) FROM t_user u JOIN t_region r ON r.region_id = u.region_id WHERE r.region_id = 1 GROUP BY r.name;

-- Update the single table.
UPDATE t_config SET v = 'off' WHERE k = 'Feature.Gamma';

-- Read it back with a differently cased key.
SELECT k, v FROM t_config WHERE k = 'feature.gamma';

-- Changing the shard key of a row is refused by the sharded sidecar (by design, ER_UNKNOWN_ERROR
-- naming the sharding column); no row matches, so the single database changes nothing either.
-- @sharded-rejects: 1105 sharding column
UPDATE t_user SET user_id = 123457 WHERE user_id = 123456;

-- A transaction rolled back leaves no trace.
START TRANSACTION;

-- The update inside the transaction.
UPDATE t_user SET balance = -999 WHERE user_id = 21;

-- The transaction sees its own write.
SELECT balance FROM t_user WHERE user_id = 21;

-- Roll back.
ROLLBACK;

-- After the rollback the old value is back.
SELECT user_id, balance FROM t_user WHERE user_id = 21;

-- A committed single-shard transaction.
BEGIN;

-- Two writes on one shard.
UPDATE t_order SET amount = amount + 1 WHERE user_id = 22;

-- Second write on the same shard.
UPDATE t_user SET balance = 1 WHERE user_id = 22;

-- Commit.
COMMIT;

-- Both writes are visible.
SELECT u.balance, SUM(o.amount) FROM t_user u JOIN t_order o ON o.user_id = u.user_id WHERE u.user_id = 22 GROUP BY u.balance;

-- Totals after all updates.
SELECT COUNT(*), SUM(amount), SUM(CASE WHEN status = 'ARCHIVED' THEN 1 ELSE 0 END) FROM t_order;

-- ==== Text updates that differ only in literals share one analysis; each routes by its own key.

-- First of a shape.
UPDATE t_user SET balance = 7.25, name = 'Shared' WHERE user_id = 5;

-- Same shape, a user on the other shard, a name with a doubled quote.
UPDATE t_user SET balance = -7.50, name = 'O''Shared' WHERE user_id = 6;

-- Read both back.
SELECT user_id, name, balance FROM t_user WHERE user_id IN (5, 6) ORDER BY user_id;
