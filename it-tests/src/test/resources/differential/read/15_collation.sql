-- ==== Collation-sensitive ordering and comparison (utf8mb4_general_ci): the merge must
-- ==== compare strings as the server does, not by bytes or Java's String order.

-- All users ordered by name: 'a' < 'B' < 'é' = 'E' < 'z', ties by key.
SELECT user_id, name FROM t_user ORDER BY name, user_id;

-- Descending by name, a page.
SELECT user_id, name FROM t_user ORDER BY name DESC, user_id DESC LIMIT 30;

-- Descending by name with an offset into the middle.
SELECT user_id, name FROM t_user ORDER BY name DESC, user_id LIMIT 20 OFFSET 100;

-- By name under a binary collation (byte order).
SELECT user_id, name FROM t_user ORDER BY name COLLATE utf8mb4_bin, user_id LIMIT 60;

-- By BINARY name.
SELECT user_id, name FROM t_user WHERE user_id <= 100 ORDER BY BINARY name, user_id;

-- By LOWER(name) then key.
SELECT user_id, name FROM t_user WHERE user_id <= 120 ORDER BY LOWER(name), user_id;

-- Equality ignores case.
SELECT user_id, name FROM t_user WHERE name = 'alice';

-- Equality ignores accents under general_ci.
SELECT user_id, name FROM t_user WHERE name = 'emile';

-- Trailing spaces are ignored (PAD SPACE).
SELECT user_id, name FROM t_user WHERE name = 'bob';

-- Equality under a binary collation is exact.
SELECT user_id, name FROM t_user WHERE name COLLATE utf8mb4_bin = 'alice';

-- A range on names.
SELECT user_id, name FROM t_user WHERE name < 'b' ORDER BY name, user_id;

-- BETWEEN on names.
SELECT user_id, name FROM t_user WHERE name BETWEEN 'a' AND 'c' ORDER BY name DESC, user_id;

-- A range on names with a parameter.
-- @params: 'Z'
SELECT user_id, name FROM t_user WHERE name >= ? ORDER BY name, user_id;

-- Smallest and largest names overall.
SELECT MIN(name), MAX(name) FROM t_user WHERE name <> '';

-- Smallest name per region under a binary no-pad collation.
SELECT region_id, MIN(name COLLATE utf8mb4_nopad_bin) FROM t_user GROUP BY region_id;

-- Groups per name class counted (collation merges spellings).
SELECT COUNT(*) AS n, MIN(user_id) FROM t_user WHERE name IS NOT NULL GROUP BY name ORDER BY n DESC, MIN(user_id);

-- Region names ordered through a join.
SELECT u.user_id, r.name FROM t_user u JOIN t_region r ON r.region_id = u.region_id WHERE u.user_id <= 50 ORDER BY r.name, u.user_id;

-- Names in a LIKE with an accent: 'é%' also matches 'e…' and 'E…'.
SELECT user_id, name FROM t_user WHERE name LIKE 'é%' ORDER BY name, user_id;

-- Order by name within one shard.
SELECT user_id, name FROM t_user WHERE user_id IN (1, 3, 5, 7, 9, 11, 13) ORDER BY name, user_id;

-- Order by a concatenation (collation of the result).
SELECT user_id, CONCAT(name, '!') AS shout FROM t_user WHERE name IS NOT NULL ORDER BY shout, user_id LIMIT 40;

-- Order by name over a large page of the join with orders.
SELECT o.order_id, u.name FROM t_order o JOIN t_user u ON u.user_id = o.user_id ORDER BY u.name, o.order_id LIMIT 50;

-- The config keys in order ('Feature.Gamma' between 'feature.beta' and 'limits…').
SELECT k FROM t_config ORDER BY k;
