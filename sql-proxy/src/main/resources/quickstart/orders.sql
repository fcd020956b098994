-- Demo data for `dbmesh quickstart orders` (logical database `orders`, sharded over ds_0 and ds_1),
-- inserted through the sidecar: each row goes to the shard its user_id selects. The tables come
-- from the `schema:` section of conf/examples/orders.yaml. Try:
--   SELECT * FROM t_order WHERE user_id = 3;             -- one shard
--   SELECT status, COUNT(*), SUM(amount) FROM t_order GROUP BY status;   -- all shards, merged
--   EXPLAIN ROUTE SELECT * FROM t_order ORDER BY amount DESC LIMIT 3;
INSERT INTO t_region (region_id, name) VALUES (1, 'north'), (2, 'south'), (3, 'east');
INSERT INTO t_config (k, v) VALUES ('currency', 'EUR'), ('tax_rate', '0.20');
INSERT INTO t_user (user_id, name, region_id, created_at, balance) VALUES
  (1, 'Ada Lovelace', 1, '2026-01-02 09:00:00', 120.00),
  (2, 'Grace Hopper', 2, '2026-01-03 10:30:00', 80.50),
  (3, 'Edsger Dijkstra', 3, '2026-01-04 11:45:00', 0.00),
  (4, 'Barbara Liskov', 1, '2026-01-05 08:15:00', 310.25);
INSERT INTO t_order (order_id, user_id, status, amount, created_at) VALUES
  (1001, 1, 'paid', 19.99, '2026-02-01 10:00:00'),
  (1002, 1, 'shipped', 5.00, '2026-02-03 16:30:00'),
  (1003, 2, 'paid', 120.50, '2026-02-11 09:15:00'),
  (1004, 3, 'cancelled', 42.00, '2026-03-01 12:00:00'),
  (1005, 4, 'paid', 64.90, '2026-03-02 13:20:00');
INSERT INTO t_order_item (item_id, order_id, user_id, sku, qty, price) VALUES
  (1, 1001, 1, 'BOOK-01', 1, 19.99),
  (2, 1002, 1, 'PEN-02', 5, 1.00),
  (3, 1003, 2, 'LAMP-07', 1, 120.50),
  (4, 1004, 3, 'MUG-03', 6, 7.00),
  (5, 1005, 4, 'BAG-11', 1, 64.90);
-- an order whose order_id the sidecar generates (snowflake); SELECT LAST_INSERT_ID() shows it
INSERT INTO t_order (user_id, status, amount, created_at) VALUES (2, 'new', 9.99, '2026-03-05 18:00:00');
