-- ==== Text statements that differ only in literals share one analysis (LiteralNormalizer): each
-- ==== repeat must still route by its own values and answer exactly as its own text would.

-- First of a shape: planned and cached as "... WHERE user_id = ?".
SELECT user_id, name, balance FROM t_user WHERE user_id = 17;

-- Same shape, a key on another shard: the shared analysis must not reuse the first route.
SELECT user_id, name, balance FROM t_user WHERE user_id = 42;

-- Same shape, a missing key.
SELECT user_id, name, balance FROM t_user WHERE user_id = 99999;

-- Select-list literals keep their text as column labels (and their types); only the WHERE value is shared.
SELECT 1 + 1, 'x', 2.50, -3, user_id FROM t_user WHERE user_id = 17;

-- The same select list with another key: labels still the literals' text.
SELECT 1 + 1, 'x', 2.50, -3, user_id FROM t_user WHERE user_id = 42;

-- Decimal and negative values compare as the literals they were.
SELECT COUNT(*) FROM t_user WHERE balance > 10.50 AND user_id > -5;

-- Same shape, other values.
SELECT COUNT(*) FROM t_user WHERE balance > 250.00 AND user_id > -1;

-- A string with a doubled quote, then the same shape with a plain string.
SELECT COUNT(*) FROM t_order WHERE status = 'it''s' OR status = 'paid';

-- Same shape.
SELECT COUNT(*) FROM t_order WHERE status = 'new' OR status = 'shipped';

-- IN lists of the same length share; each routes to its own shards.
SELECT user_id, name FROM t_user WHERE user_id IN (17, 42) ORDER BY user_id;

-- Same shape, other keys.
SELECT user_id, name FROM t_user WHERE user_id IN (3, 4) ORDER BY user_id;

-- ORDER BY position and LIMIT stay literals: a different ordinal is a different statement.
SELECT user_id, name FROM t_user WHERE user_id > 10 ORDER BY 1 DESC LIMIT 3;

-- Same WHERE shape, ordering by the second column.
SELECT user_id, name FROM t_user WHERE user_id > 20 ORDER BY 2, 1 LIMIT 4;

-- INTERVAL units and temporal literals are not values to share.
SELECT COUNT(*) FROM t_order WHERE created_at > TIMESTAMP'2024-01-01 00:00:00' - INTERVAL 1 DAY AND user_id = 17;

-- Scatter with a merged aggregate and a shared WHERE value.
SELECT status, COUNT(*), SUM(amount) FROM t_order WHERE amount > 5 GROUP BY status ORDER BY status;

-- Same shape, another value.
SELECT status, COUNT(*), SUM(amount) FROM t_order WHERE amount > 50 GROUP BY status ORDER BY status;
