-- ==== IN lists on the shard key and on other columns.

-- A few keys that land on different shards.
SELECT user_id, name FROM t_user WHERE user_id IN (1, 2, 3);

-- Keys covering every residue of small moduli, so every shard is hit.
SELECT user_id, name, balance FROM t_user WHERE user_id IN (1, 2, 3, 4, 5, 6, 7, 8);

-- A single-element IN list is a point lookup.
SELECT user_id, name FROM t_user WHERE user_id IN (42);

-- Duplicated keys in the list return each row once.
SELECT user_id, name FROM t_user WHERE user_id IN (5, 5, 6, 6, 5);

-- Keys that do not exist mixed with keys that do.
SELECT user_id FROM t_user WHERE user_id IN (99999, 17, 88888, 9000000000);

-- Only keys that do not exist.
SELECT * FROM t_user WHERE user_id IN (99997, 99998, 99999);

-- NULL inside an IN list never matches.
SELECT user_id, name FROM t_user WHERE user_id IN (1, NULL, 2);

-- IN with three parameters.
-- @params: 10, 11, 12
SELECT user_id, name FROM t_user WHERE user_id IN (?, ?, ?);

-- IN with parameters, one of them NULL.
-- @params: 13, NULL, 14
SELECT user_id, name FROM t_user WHERE user_id IN (?, ?, ?);

-- IN with string literals for a numeric key.
SELECT user_id, name FROM t_user WHERE user_id IN ('15', '16');

-- Very large keys in a list.
SELECT user_id, name FROM t_user WHERE user_id IN (9000000000, 9000007777, 9000015554, 9000023331);

-- A long list of fifty keys.
SELECT user_id FROM t_user WHERE user_id IN (101, 103, 105, 107, 109, 111, 113, 115, 117, 119, 121, 123, 125, 127, 129, 131, 133, 135, 137, 139, 141, 143, 145, 147, 149, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169, 171, 173, 175, 177, 179, 181, 183, 185, 187, 189, 191, 193, 195, 197, 199);

-- IN on the key combined with IN on another column.
SELECT order_id, user_id, status FROM t_order WHERE user_id IN (1, 2, 3, 4) AND status IN ('PAID', 'SHIPPED');

-- IN on a non-key column only: scatter.
SELECT order_id, user_id, amount FROM t_order WHERE status IN ('REFUNDED');

-- IN on a non-key column with parameters.
-- @params: 'CANCELLED', 'REFUNDED'
SELECT COUNT(*) FROM t_order WHERE status IN (?, ?);

-- IN on the key of order items.
SELECT item_id, order_id, sku FROM t_order_item WHERE user_id IN (1, 4);

-- IN on a non-shard primary key.
SELECT order_id, user_id FROM t_order WHERE order_id IN (100090, 100119, 101425, 999999);

-- NOT IN on the key: everything except a few keys (scatter).
SELECT COUNT(*) FROM t_user WHERE user_id NOT IN (1, 2, 3);

-- NOT IN with a NULL in the list is never true.
SELECT COUNT(*) FROM t_user WHERE user_id NOT IN (1, NULL);

-- Row-constructor IN over (shard key, order id).
SELECT order_id, status FROM t_order WHERE (user_id, order_id) IN ((1, 100090), (3, 100119), (2, 100317));

-- IN on the key together with an ORDER BY on the key.
SELECT user_id, name FROM t_user WHERE user_id IN (9, 3, 7, 1) ORDER BY user_id;

-- IN list of keys with parameters on order items, ordered by item id.
-- @params: 5, 6
SELECT item_id, user_id, qty FROM t_order_item WHERE user_id IN (?, ?) ORDER BY item_id;

-- One prepared IN list executed with different key sets (same shard, two shards, none).
-- @params: 1, 5 | 1, 2 | 3, 4 | 99998, 99999
SELECT user_id, name FROM t_user WHERE user_id IN (?, ?);
