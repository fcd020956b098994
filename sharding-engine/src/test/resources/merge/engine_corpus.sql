-- Statements planned by the real planner and run by PlanExecutor over two real data sources; each
-- must answer exactly what one MariaDB with the same rows answers (order-insensitive without ORDER BY).
SELECT * FROM t_user WHERE user_id = 7
SELECT name, balance FROM t_user WHERE user_id IN (1, 2, 3, 10) ORDER BY user_id
SELECT * FROM t_order WHERE user_id BETWEEN 3 AND 9 ORDER BY order_id
SELECT order_id, amount FROM t_order ORDER BY amount DESC, order_id LIMIT 10
SELECT order_id, amount FROM t_order ORDER BY amount, order_id LIMIT 5, 10
SELECT order_id FROM t_order ORDER BY created_at DESC, order_id LIMIT 7
SELECT name FROM t_user ORDER BY name, user_id
SELECT name FROM t_user ORDER BY name DESC, user_id DESC LIMIT 12
SELECT COUNT(*) FROM t_order
SELECT COUNT(*), SUM(amount), AVG(amount), MIN(amount), MAX(amount) FROM t_order
SELECT COUNT(amount), COUNT(status), MIN(created_at), MAX(created_at) FROM t_order
SELECT status, COUNT(*) FROM t_order GROUP BY status
SELECT status, COUNT(*), SUM(amount), AVG(amount) FROM t_order GROUP BY status ORDER BY status
SELECT status, AVG(amount) AS a FROM t_order GROUP BY status ORDER BY a DESC
SELECT status, COUNT(*) AS c FROM t_order GROUP BY status ORDER BY c DESC, status LIMIT 2
SELECT user_id, COUNT(*) FROM t_order GROUP BY user_id ORDER BY user_id
SELECT user_id, SUM(amount) FROM t_order GROUP BY user_id HAVING SUM(amount) > 500 ORDER BY user_id
SELECT region_id, COUNT(*), AVG(balance) FROM t_user GROUP BY region_id ORDER BY region_id
SELECT region_id, MAX(name), MIN(name) FROM t_user GROUP BY region_id
SELECT DISTINCT status FROM t_order
SELECT DISTINCT status FROM t_order ORDER BY status DESC
SELECT DISTINCT region_id, name FROM t_user ORDER BY region_id, name
SELECT COUNT(DISTINCT status) FROM t_order
SELECT user_id, COUNT(DISTINCT status) FROM t_order GROUP BY user_id ORDER BY user_id
SELECT * FROM t_order WHERE status IS NULL ORDER BY order_id
SELECT order_id FROM t_order WHERE amount IS NULL OR amount < 10 ORDER BY order_id
SELECT o.order_id, u.name FROM t_order o JOIN t_user u ON o.user_id = u.user_id ORDER BY o.order_id
SELECT u.name, COUNT(o.order_id) FROM t_user u LEFT JOIN t_order o ON o.user_id = u.user_id GROUP BY u.user_id, u.name ORDER BY u.user_id
SELECT u.user_id, r.name FROM t_user u JOIN t_region r ON u.region_id = r.region_id ORDER BY u.user_id
SELECT * FROM t_region ORDER BY region_id
SELECT o.order_id, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id ORDER BY i.item_id
SELECT user_id FROM t_user UNION SELECT user_id FROM t_order ORDER BY user_id
SELECT name FROM t_user WHERE user_id IN (SELECT user_id FROM t_order WHERE amount > 400) ORDER BY name, user_id
SELECT MAX(amount) - MIN(amount) FROM t_order
SELECT status, SUM(amount) FROM t_order WHERE created_at >= '2024-05-01' GROUP BY status ORDER BY status
SELECT user_id, MIN(created_at), MAX(amount) FROM t_order WHERE user_id IN (2, 4, 6, 8) GROUP BY user_id ORDER BY user_id
SELECT order_id, status FROM t_order WHERE status = 'paid' ORDER BY order_id LIMIT 3
SELECT order_id, status FROM t_order WHERE status = 'PAID' ORDER BY order_id
SELECT sku, SUM(qty), AVG(price) FROM t_item GROUP BY sku ORDER BY sku
SELECT COUNT(*) FROM t_item WHERE qty > 2 AND price < 50
SELECT order_id, amount FROM t_order ORDER BY amount DESC, order_id LIMIT 200
SELECT order_id FROM t_order ORDER BY amount, order_id LIMIT 100, 10
SELECT order_id, status FROM t_order ORDER BY status DESC, order_id
SELECT user_id, order_id FROM t_order ORDER BY user_id DESC, order_id DESC LIMIT 15
SELECT * FROM t_order ORDER BY amount DESC, order_id LIMIT 4
SELECT order_id FROM t_order ORDER BY amount * 2, order_id LIMIT 6
SELECT amount AS a, order_id FROM t_order ORDER BY a, order_id LIMIT 8
SELECT COUNT(*) FROM t_order WHERE order_id < 0
SELECT status, COUNT(*) FROM t_order WHERE order_id < 0 GROUP BY status
SELECT SUM(qty), AVG(qty), MIN(sku), MAX(sku) FROM t_item
SELECT MIN(name), MAX(name) FROM t_user
SELECT DISTINCT status FROM t_order ORDER BY status LIMIT 2
SELECT DISTINCT user_id FROM t_order ORDER BY user_id LIMIT 5, 5
SELECT YEAR(created_at), COUNT(*) FROM t_order GROUP BY YEAR(created_at)
SELECT CONCAT(name, '!'), user_id FROM t_user WHERE user_id < 6 ORDER BY user_id
SELECT COUNT(*) FROM t_user WHERE name LIKE 'a%'
SELECT user_id FROM t_user WHERE name IN ('alice', 'BOB') ORDER BY user_id
SELECT order_id FROM t_order WHERE created_at BETWEEN '2024-03-01' AND '2024-06-30' ORDER BY order_id
SELECT t.status, t.c FROM (SELECT status, COUNT(*) AS c FROM t_order GROUP BY status) t ORDER BY t.c DESC, t.status
SELECT user_id FROM t_user u WHERE EXISTS (SELECT 1 FROM t_order o WHERE o.user_id = u.user_id AND o.amount > 450) ORDER BY user_id
SELECT user_id FROM t_user WHERE user_id NOT IN (SELECT user_id FROM t_order) ORDER BY user_id
SELECT user_id, 'u' FROM t_user WHERE user_id < 4 UNION ALL SELECT user_id, 'o' FROM t_order WHERE order_id < 4 ORDER BY 1, 2
SELECT status, COUNT(*) AS c FROM t_order GROUP BY status HAVING c > 20 ORDER BY status
SELECT status, MAX(amount) FROM t_order GROUP BY status HAVING MAX(amount) > 400 ORDER BY status
SELECT u.region_id, SUM(o.amount) FROM t_user u JOIN t_order o ON o.user_id = u.user_id GROUP BY u.region_id ORDER BY u.region_id
SELECT o.status, COUNT(*) FROM t_order o JOIN t_user u ON o.user_id = u.user_id WHERE u.region_id = 2 GROUP BY o.status ORDER BY o.status
SELECT user_id, SUM(amount) AS s FROM t_order GROUP BY user_id ORDER BY s DESC, user_id LIMIT 3
SELECT AVG(balance), SUM(balance), COUNT(*) FROM t_user WHERE region_id IN (1, 3)
SELECT MAX(created_at), MIN(created_at) FROM t_user
SELECT status, MIN(created_at) FROM t_order GROUP BY status ORDER BY MIN(created_at), status
SELECT u1.name FROM t_user u1 JOIN t_user u2 USING (user_id) ORDER BY user_id DESC, u1.name
SELECT u1.name FROM t_user u1 JOIN t_user u2 ON u1.user_id = u2.user_id ORDER BY u2.user_id LIMIT 7
SELECT u.name FROM t_user u JOIN t_order o ON o.user_id = u.user_id ORDER BY order_id
SELECT u.name, o.status FROM t_user u JOIN t_order o USING (user_id) ORDER BY user_id, order_id
SELECT DISTINCT u1.region_id FROM t_user u1 JOIN t_user u2 USING (user_id) ORDER BY u1.region_id
SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.order_id ORDER BY i.item_id
SELECT o.status, COUNT(*) AS count, SUM(i.qty) AS value FROM t_order o JOIN t_item i ON o.order_id = i.order_id GROUP BY o.status ORDER BY count DESC, o.status
SELECT o.order_id, '李雷 🐬' AS tag, CONCAT(i.sku, 'é') FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE i.sku <> '李雷' ORDER BY i.item_id LIMIT 3
SELECT u.name FROM t_user u JOIN t_item i ON u.user_id = i.user_id WHERE u.name IN ('émile', '李雷') ORDER BY i.item_id
SELECT sku, SUM(DISTINCT qty), SUM(DISTINCT order_id) FROM t_item WHERE sku LIKE 'SKU-%' GROUP BY sku
SELECT user_id FROM t_user WHERE user_id BETWEEN 58 AND 21 UNION SELECT user_id FROM t_order WHERE status = 'paid'
