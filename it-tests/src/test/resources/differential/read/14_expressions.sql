-- ==== Expressions and functions in projections: values and column labels must match.

-- Labels of unaliased expressions are the expression text as written.
SELECT user_id + 1, UPPER(name), balance * 2 FROM t_user WHERE user_id = 3;

-- The same expressions as a prepared statement.
-- @params: 3
SELECT user_id + 1, UPPER(name), balance * 2 FROM t_user WHERE user_id = ?;

-- CONCAT with numbers and NULLs.
SELECT CONCAT(name, '#', user_id) FROM t_user WHERE user_id <= 30;

-- CONCAT_WS skips NULLs.
SELECT CONCAT_WS('/', name, region_id, balance) FROM t_user WHERE user_id BETWEEN 30 AND 50;

-- LENGTH counts bytes, CHAR_LENGTH counts characters (multibyte names).
SELECT user_id, LENGTH(name), CHAR_LENGTH(name) FROM t_user WHERE user_id <= 80;

-- SUBSTRING of multibyte strings.
SELECT user_id, SUBSTRING(name, 1, 2), SUBSTRING(name, 2) FROM t_user WHERE user_id BETWEEN 80 AND 120;

-- UPPER and LOWER of accented strings.
SELECT user_id, UPPER(name), LOWER(name) FROM t_user WHERE user_id BETWEEN 120 AND 160;

-- REPLACE, TRIM and LPAD.
SELECT user_id, REPLACE(name, 'e', '3'), TRIM(name), LPAD(user_id, 6, '0') FROM t_user WHERE user_id BETWEEN 160 AND 180;

-- HEX shows exact bytes.
SELECT user_id, HEX(name) FROM t_user WHERE user_id BETWEEN 180 AND 200;

-- Decimal arithmetic keeps MariaDB's scales.
SELECT order_id, amount * 2, amount / 3, amount + 0.005, amount - 1 FROM t_order WHERE user_id = 2;

-- Integer division and modulo.
SELECT item_id, qty DIV 2, qty % 2, MOD(item_id, 7) FROM t_order_item WHERE user_id = 3;

-- Rounding functions.
SELECT order_id, ROUND(amount), ROUND(amount, 1), TRUNCATE(amount, 1), FLOOR(amount), CEIL(amount) FROM t_order WHERE user_id = 4;

-- ABS and SIGN of negative and zero amounts.
SELECT order_id, ABS(amount), SIGN(amount) FROM t_order WHERE amount <= 0;

-- CAST between types.
SELECT user_id, CAST(balance AS SIGNED), CAST(user_id AS CHAR), CAST(created_at AS DATE) FROM t_user WHERE user_id BETWEEN 200 AND 215;

-- CAST to DECIMAL with a new scale.
SELECT order_id, CAST(amount AS DECIMAL(10,1)) FROM t_order WHERE user_id = 5;

-- Date functions.
SELECT order_id, YEAR(created_at), MONTH(created_at), DAYOFWEEK(created_at), DATE_FORMAT(created_at, '%Y-%m') FROM t_order WHERE user_id = 6;

-- Date arithmetic.
SELECT order_id, DATEDIFF(created_at, '2023-01-01'), DATE_ADD(created_at, INTERVAL 1 MONTH), created_at + INTERVAL 2 DAY FROM t_order WHERE user_id = 8;

-- IF and CASE returning mixed values.
SELECT order_id, IF(amount > 100, 'big', 'small'), CASE status WHEN 'PAID' THEN 1 WHEN 'NEW' THEN 0 ELSE NULL END FROM t_order WHERE user_id = 9;

-- GREATEST and LEAST over columns.
SELECT item_id, GREATEST(qty, 2), LEAST(price, 10) FROM t_order_item WHERE user_id = 10;

-- A collation-aware comparison as a value: 'alice' = 'ALICE' is 1.
SELECT user_id, name = 'alice', name < 'm' FROM t_user WHERE user_id <= 40;

-- An expression over two columns with an alias, in a WHERE too.
SELECT order_id, amount - 10 AS net FROM t_order WHERE amount - 10 > 980;

-- A SELECT without a table.
SELECT 1, 'x', NULL, 2.50, -3;

-- Constant expressions without a table.
SELECT 1 + 2 AS three, CONCAT('a', 'b') AS ab, UPPER('é') AS e;

-- A constant projection over a sharded table.
SELECT 'row' AS kind, 42 FROM t_user WHERE user_id IN (1, 2, 3);

-- Parameters in the projection.
-- @params: 10, 'tag', 20
SELECT user_id * ?, ?, amount + ? FROM t_order WHERE user_id = 3 AND order_id = 100119;

-- Parameters in projection and filter on an order.
-- @params: 2.5, 100203
SELECT order_id, amount * ? AS scaled FROM t_order WHERE order_id = ?;

-- String functions over the single table.
SELECT k, REVERSE(k), CHAR_LENGTH(v), UPPER(v) FROM t_config;

-- Quoting an apostrophe in a literal.
SELECT user_id FROM t_user WHERE name = 'O''Brien';

-- A backslash in a literal.
SELECT user_id FROM t_user WHERE name = 'back\\slash';

-- LOCATE and INSTR.
SELECT user_id, LOCATE('e', name), INSTR(name, 'a') FROM t_user WHERE user_id BETWEEN 215 AND 235;

-- Bitwise operators on the key.
SELECT user_id, user_id & 3, user_id | 8, user_id >> 1 FROM t_user WHERE user_id BETWEEN 235 AND 245;

-- An expression over an aggregate and a group key.
SELECT CONCAT(status, ':', COUNT(*)) FROM t_order GROUP BY status;
