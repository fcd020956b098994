-- ==== Joins inside the binding group (t_user, t_order, t_order_item on user_id): push down per shard.

-- User and orders of one user.
SELECT u.user_id, u.name, o.order_id, o.amount FROM t_user u JOIN t_order o ON u.user_id = o.user_id WHERE u.user_id = 7;

-- The same with the key as a parameter.
-- @params: 8
SELECT u.name, o.order_id, o.status FROM t_user u JOIN t_order o ON u.user_id = o.user_id WHERE u.user_id = ?;

-- Join over all shards, counted.
SELECT COUNT(*) FROM t_user u JOIN t_order o ON u.user_id = o.user_id;

-- Join over all shards, every row.
SELECT u.user_id, u.name, o.order_id, o.status FROM t_user u JOIN t_order o ON u.user_id = o.user_id;

-- Three-way join for a few users.
SELECT u.user_id, o.order_id, i.item_id, i.sku, i.qty FROM t_user u JOIN t_order o ON u.user_id = o.user_id JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id WHERE u.user_id IN (1, 2, 3);

-- Three-way join, scatter, aggregated per user.
SELECT u.user_id, COUNT(i.item_id), SUM(i.qty * i.price) FROM t_user u JOIN t_order o ON u.user_id = o.user_id JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id GROUP BY u.user_id;

-- Join with the shard key condition written the other way around.
SELECT o.order_id, i.item_id FROM t_order o JOIN t_order_item i ON i.user_id = o.user_id AND o.order_id = i.order_id WHERE o.user_id = 5;

-- USING syntax.
SELECT user_id, order_id, item_id, qty FROM t_order JOIN t_order_item USING (user_id, order_id) WHERE user_id = 6 OR user_id = 9;

-- Comma join with the join condition in WHERE.
SELECT u.name, o.order_id FROM t_user u, t_order o WHERE u.user_id = o.user_id AND u.user_id = 11;

-- LEFT JOIN keeps users without orders (NULL order columns).
SELECT u.user_id, o.order_id FROM t_user u LEFT JOIN t_order o ON u.user_id = o.user_id WHERE u.user_id IN (6, 17, 28, 1);

-- Users without any order, over all shards.
SELECT u.user_id, u.name FROM t_user u LEFT JOIN t_order o ON u.user_id = o.user_id WHERE o.order_id IS NULL;

-- Orders without items.
SELECT o.order_id, o.user_id FROM t_order o LEFT JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id WHERE i.item_id IS NULL;

-- Orders whose user does not exist.
SELECT o.order_id, o.user_id FROM t_order o LEFT JOIN t_user u ON u.user_id = o.user_id WHERE u.user_id IS NULL;

-- RIGHT JOIN from orders to users.
SELECT u.user_id, o.order_id FROM t_order o RIGHT JOIN t_user u ON u.user_id = o.user_id WHERE u.user_id BETWEEN 15 AND 18;

-- Join with ORDER BY and LIMIT over all shards.
SELECT u.user_id, u.name, o.order_id, o.amount FROM t_user u JOIN t_order o ON u.user_id = o.user_id ORDER BY o.amount DESC, o.order_id LIMIT 10;

-- Join with ORDER BY a column of each table.
SELECT u.name, o.created_at, o.order_id FROM t_user u JOIN t_order o ON u.user_id = o.user_id WHERE u.region_id = 3 ORDER BY o.created_at, o.order_id LIMIT 20;

-- Join grouped by a column of the first table.
SELECT u.region_id, COUNT(*), SUM(o.amount) FROM t_user u JOIN t_order o ON u.user_id = o.user_id GROUP BY u.region_id;

-- Join grouped with HAVING.
SELECT u.user_id, COUNT(*) AS n FROM t_user u JOIN t_order o ON u.user_id = o.user_id GROUP BY u.user_id HAVING n >= 12;

-- Join with DISTINCT.
SELECT DISTINCT u.user_id FROM t_user u JOIN t_order o ON u.user_id = o.user_id WHERE o.status = 'REFUNDED';

-- Join with SELECT * of both tables (column labels of both).
SELECT * FROM t_user u JOIN t_order o ON u.user_id = o.user_id WHERE u.user_id = 4;

-- Join with table.* for one side.
SELECT o.*, i.sku FROM t_order o JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id WHERE o.user_id = 2;

-- Join with a filter on the second table's key.
SELECT u.name, i.sku, i.qty FROM t_user u JOIN t_order_item i ON i.user_id = u.user_id WHERE i.user_id = 10;

-- Join with parameters on both tables.
-- @params: 3, 'SKU-010'
SELECT o.order_id, i.item_id FROM t_order o JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id WHERE o.user_id = ? AND i.sku > ?;

-- Join over a key range with an aggregate per order.
SELECT o.order_id, COUNT(i.item_id) AS items, SUM(i.qty) FROM t_order o LEFT JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id WHERE o.user_id BETWEEN 100 AND 120 GROUP BY o.order_id;

-- Items per status across all shards.
SELECT o.status, COUNT(*), SUM(i.qty) FROM t_order o JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id GROUP BY o.status;

-- The top order value per user for a few users.
SELECT o.user_id, MAX(i.price * i.qty) FROM t_order o JOIN t_order_item i ON i.user_id = o.user_id AND i.order_id = o.order_id WHERE o.user_id IN (1, 2, 3, 4, 5, 6) GROUP BY o.user_id;

-- Self join of users on the shard key (trivial but legal).
SELECT a.user_id, b.name FROM t_user a JOIN t_user b ON a.user_id = b.user_id WHERE a.user_id < 4;

-- Self join over every shard, ordered by a column only u1.* selects: MariaDB resolves the bare name
-- against the select list, so a hidden sort column written bare would be ambiguous on the shard.
SELECT u1.* FROM t_user u1 JOIN t_user u2 ON u1.user_id = u2.user_id ORDER BY user_id LIMIT 7;

-- Self join over every shard, ordered by a column that is not selected, qualified (hidden sort column).
SELECT u1.name FROM t_user u1 JOIN t_user u2 ON u1.user_id = u2.user_id ORDER BY u2.user_id DESC LIMIT 5;

-- Self join with USING: the bare name is the joined column, unambiguous in a hidden sort column too.
SELECT u1.name, u2.region_id FROM t_user u1 JOIN t_user u2 USING (user_id) ORDER BY user_id LIMIT 6;

-- Self join grouped over every shard by a column of one side, ordered by an aggregate not selected.
SELECT u1.region_id, COUNT(*) FROM t_user u1 JOIN t_user u2 ON u1.user_id = u2.user_id GROUP BY u1.region_id ORDER BY MAX(u2.user_id), u1.region_id;
