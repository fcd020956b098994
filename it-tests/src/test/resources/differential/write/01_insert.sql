-- ==== INSERT, then read back. Applied to both sides identically; update counts compared.

-- A single-row insert routed by the shard key.
INSERT INTO t_user (user_id, name, region_id, created_at, balance) VALUES (400, 'Nina', 3, '2025-01-02 03:04:05', 12.34);

-- Read the new row back.
SELECT * FROM t_user WHERE user_id = 400;

-- A multi-row insert whose rows land on different shards.
INSERT INTO t_user (user_id, name, region_id, created_at, balance) VALUES (401, 'a', 1, '2025-02-01 00:00:00', 0.00), (402, 'B', 2, NULL, -1.00), (403, 'é', NULL, '2025-02-03 00:00:00', NULL), (404, 'E', 4, '2025-02-04 00:00:00', 5.00), (405, 'z', 5, '2025-02-05 00:00:00', 99.99);

-- Read the multi-row insert back in collation order.
SELECT user_id, name, balance FROM t_user WHERE user_id BETWEEN 400 AND 405 ORDER BY name, user_id;

-- Columns listed in a different order than the table.
INSERT INTO t_user (balance, name, user_id) VALUES (7.50, 'Ordered', 406);

-- Read it back (unlisted columns are NULL).
SELECT user_id, name, region_id, created_at, balance FROM t_user WHERE user_id = 406;

-- An insert with a prepared statement.
-- @params: 407, 'Prepared', 6, TIMESTAMP'2025-03-01 10:00:00', 123.45
INSERT INTO t_user (user_id, name, region_id, created_at, balance) VALUES (?, ?, ?, ?, ?);

-- A multi-row insert with parameters.
-- @params: 408, 'p1', 409, 'p2', 410, NULL
INSERT INTO t_user (user_id, name) VALUES (?, ?), (?, ?), (?, ?);

-- One prepared insert executed four times, for keys on different shards.
-- @params: 420, 'r1' | 421, 'r2' | 422, 'r3' | 423, 'r4'
INSERT INTO t_user (user_id, name) VALUES (?, ?);

-- Read back the prepared inserts.
SELECT user_id, name, region_id, created_at, balance FROM t_user WHERE user_id >= 407 AND user_id <= 423;

-- A very large key.
INSERT INTO t_user (user_id, name) VALUES (9100000000, 'big');

-- A negative key (shard functions must handle the sign).
INSERT INTO t_user (user_id, name, balance) VALUES (-7, 'negative', -7.00);

-- Read both back.
SELECT user_id, name FROM t_user WHERE user_id IN (9100000000, -7);

-- Count after the inserts.
SELECT COUNT(*) FROM t_user;

-- A duplicate primary key fails with ER_DUP_ENTRY on both sides.
-- @error: 1062
INSERT INTO t_user (user_id, name) VALUES (400, 'again');

-- INSERT IGNORE of a duplicate affects no rows.
INSERT IGNORE INTO t_user (user_id, name) VALUES (400, 'ignored');

-- The ignored row did not change anything.
SELECT name FROM t_user WHERE user_id = 400;

-- ON DUPLICATE KEY UPDATE on an existing row (affected rows 2).
INSERT INTO t_user (user_id, name, balance) VALUES (401, 'a', 1.00) ON DUPLICATE KEY UPDATE balance = balance + 1;

-- ON DUPLICATE KEY UPDATE on a new row (affected rows 1).
INSERT INTO t_user (user_id, name, balance) VALUES (411, 'upsert', 1.00) ON DUPLICATE KEY UPDATE balance = balance + 1;

-- Read back the upserts.
SELECT user_id, name, balance FROM t_user WHERE user_id IN (401, 411);

-- REPLACE of an existing row (affected rows 2).
REPLACE INTO t_user (user_id, name, region_id) VALUES (402, 'replaced', 7);

-- Read back the replaced row (other columns reset to NULL).
SELECT * FROM t_user WHERE user_id = 402;

-- Orders for the new users, with explicit order ids.
INSERT INTO t_order (order_id, user_id, status, amount, created_at) VALUES (200001, 400, 'NEW', 10.00, '2025-05-01 10:00:00'), (200002, 401, 'PAID', 20.00, '2025-05-02 10:00:00'), (200003, 402, 'NEW', -5.00, NULL), (200004, 403, NULL, NULL, '2025-05-04 10:00:00');

-- Items for those orders, same shard key as their order.
INSERT INTO t_order_item (item_id, order_id, user_id, sku, qty, price) VALUES (2000001, 200001, 400, 'SKU-900', 1, 10.00), (2000002, 200001, 400, 'SKU-901', 2, 0.00), (2000003, 200002, 401, 'SKU-900', 3, 6.66), (2000004, 200004, 403, NULL, NULL, NULL);

-- Read back through the binding join.
SELECT u.user_id, u.name, o.order_id, o.status, i.item_id, i.sku FROM t_user u JOIN t_order o ON o.user_id = u.user_id LEFT JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id WHERE u.user_id BETWEEN 400 AND 405 ORDER BY u.user_id, o.order_id, i.item_id;

-- An order inserted through a prepared statement.
-- @params: 200005, 404, 'SHIPPED', 44.40, TIMESTAMP'2025-06-01 00:00:00'
INSERT INTO t_order (order_id, user_id, status, amount, created_at) VALUES (?, ?, ?, ?, ?);

-- Aggregates over the new orders.
SELECT COUNT(*), SUM(amount), AVG(amount) FROM t_order WHERE order_id > 200000;

-- A new row in the broadcast table goes to every copy.
INSERT INTO t_region (region_id, name) VALUES (11, 'Łódź');

-- Users of region 11 now join to a name (read through the broadcast copy of each shard).
SELECT u.user_id, r.name FROM t_user u JOIN t_region r ON r.region_id = u.region_id WHERE r.region_id = 11;

-- A new row in the single table.
INSERT INTO t_config (k, v) VALUES ('new.key', 'new value');

-- Read the single table back.
SELECT k, v FROM t_config ORDER BY k;

-- An INSERT with an expression in VALUES.
INSERT INTO t_order (order_id, user_id, status, amount) VALUES (200006, 405, CONCAT('N', 'EW'), 10 * 3.5);

-- Read it back.
SELECT order_id, status, amount FROM t_order WHERE order_id = 200006;

-- Text inserts differing only in literals share one analysis; each row still lands on its own shard.
INSERT INTO t_user (user_id, name, region_id, created_at, balance) VALUES (470, 'Shared A', 1, '2025-03-01 00:00:00', 1.50);

-- Same shape, a key on another shard, negative decimal, a doubled quote.
INSERT INTO t_user (user_id, name, region_id, created_at, balance) VALUES (471, 'Shared ''B''', 2, '2025-03-02 00:00:00', -2.25);

-- Read them back.
SELECT user_id, name, region_id, created_at, balance FROM t_user WHERE user_id IN (470, 471) ORDER BY user_id;
