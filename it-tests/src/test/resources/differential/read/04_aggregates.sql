-- ==== Aggregates over all shards and over one shard.

-- Row count of a sharded table.
SELECT COUNT(*) FROM t_user;

-- Row counts of the other sharded tables.
SELECT COUNT(*) FROM t_order;

-- Row count of order items.
SELECT COUNT(*) FROM t_order_item;

-- COUNT(1) and COUNT(*) side by side.
SELECT COUNT(1), COUNT(*) FROM t_order;

-- COUNT of a nullable column skips NULLs.
SELECT COUNT(name), COUNT(region_id), COUNT(created_at), COUNT(balance) FROM t_user;

-- COUNT of nullable order columns.
SELECT COUNT(status), COUNT(amount), COUNT(created_at) FROM t_order;

-- SUM of a decimal column with negatives, zeros and NULLs.
SELECT SUM(amount) FROM t_order;

-- SUM of an integer column.
SELECT SUM(qty) FROM t_order_item;

-- SUM of a product expression.
SELECT SUM(qty * price) FROM t_order_item;

-- MIN and MAX of a decimal column.
SELECT MIN(amount), MAX(amount) FROM t_order;

-- MIN and MAX of a datetime column.
SELECT MIN(created_at), MAX(created_at) FROM t_order;

-- MIN and MAX of the shard key.
SELECT MIN(user_id), MAX(user_id) FROM t_user;

-- MIN and MAX of a string column with unique case forms.
SELECT MIN(status), MAX(status) FROM t_order;

-- MIN and MAX of sku.
SELECT MIN(sku), MAX(sku) FROM t_order_item;

-- AVG of a DECIMAL(12,2) column: the result has scale 6 on MariaDB.
SELECT AVG(amount) FROM t_order;

-- AVG of an INT column: the result has scale 4.
SELECT AVG(qty) FROM t_order_item;

-- AVG of balances (negative, zero and NULL values).
SELECT AVG(balance) FROM t_user;

-- AVG of prices.
SELECT AVG(price) FROM t_order_item;

-- All five aggregates together.
SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM t_order;

-- Aggregates with aliases.
SELECT COUNT(*) AS n, SUM(price) AS total, AVG(price) AS mean FROM t_order_item;

-- Aggregates over one shard.
SELECT COUNT(*), SUM(amount), AVG(amount), MIN(created_at), MAX(created_at) FROM t_order WHERE user_id = 3;

-- Aggregates over one shard with the key as a parameter.
-- @params: 8
SELECT COUNT(*), SUM(amount), AVG(amount) FROM t_order WHERE user_id = ?;

-- Aggregates over a few shards.
SELECT COUNT(*), SUM(qty), AVG(price) FROM t_order_item WHERE user_id IN (1, 2, 3, 4);

-- Aggregates over an empty set: COUNT 0, everything else NULL.
SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM t_order WHERE user_id = 99999;

-- Aggregates over an empty scatter set.
SELECT COUNT(*), SUM(amount), AVG(amount) FROM t_order WHERE amount > 1000000;

-- Conditional sum with CASE.
SELECT SUM(CASE WHEN status = 'PAID' THEN amount ELSE 0 END) AS paid, SUM(CASE WHEN status = 'REFUNDED' THEN amount END) AS refunded FROM t_order;

-- Conditional count with IF.
SELECT COUNT(IF(amount < 0, 1, NULL)) AS negatives, COUNT(IF(amount = 0, 1, NULL)) AS zeros FROM t_order;

-- An expression over aggregates.
-- (sharded: refused by design, division in federated queries differs in Calcite)
-- @sharded-rejects: division
SELECT SUM(amount) / COUNT(*) FROM t_order;

-- Aggregate arithmetic with a constant.
SELECT COUNT(*) + 1, MAX(amount) - MIN(amount) FROM t_order;

-- ROUND over AVG.
SELECT ROUND(AVG(amount), 2), ROUND(AVG(qty), 1) FROM t_order_item JOIN t_order USING (order_id, user_id);

-- Aggregate over a filter on a non-key column.
SELECT COUNT(*), SUM(amount) FROM t_order WHERE status = 'SHIPPED';

-- Aggregate with a filter from parameters.
-- @params: 'NEW', 100.00
SELECT COUNT(*), MAX(amount) FROM t_order WHERE status = ? AND amount >= ?;

-- Aggregates of the broadcast table.
SELECT COUNT(*), MIN(region_id), MAX(region_id), COUNT(name) FROM t_region;

-- Aggregates of the single table.
SELECT COUNT(*), COUNT(v) FROM t_config;

-- An aggregate and LIMIT 1 (one row anyway).
SELECT COUNT(*) FROM t_order LIMIT 1;

-- Aggregates over a date-range filter.
SELECT COUNT(*), SUM(amount) FROM t_order WHERE created_at >= '2024-01-01' AND created_at < '2025-01-01';

-- MAX over an expression.
SELECT MAX(qty * price), MIN(qty * price) FROM t_order_item;

-- SUM of a decimal computed from an integer column.
SELECT SUM(qty / 2) FROM t_order_item;

-- One prepared aggregate executed for a single shard, then for a range over all shards.
-- @params: 7, 7 | 1, 300 | 400, 500
SELECT COUNT(*), SUM(amount), AVG(amount) FROM t_order WHERE user_id BETWEEN ? AND ?;
