-- ==== The broadcast table t_region (a copy on every data source) and the single table t_config.

-- The whole broadcast table.
SELECT * FROM t_region;

-- The broadcast table ordered by name (collation: 'Ålesund' sorts with 'a', NULL first).
SELECT region_id, name FROM t_region ORDER BY name, region_id;

-- A broadcast point lookup.
SELECT name FROM t_region WHERE region_id = 5;

-- A broadcast lookup with a parameter.
-- @params: 3
SELECT region_id, name FROM t_region WHERE region_id = ?;

-- Join with the broadcast table for one user.
SELECT u.user_id, u.name, r.name FROM t_user u JOIN t_region r ON u.region_id = r.region_id WHERE u.user_id = 17;

-- Join with the broadcast table over all shards.
SELECT u.user_id, r.name FROM t_user u JOIN t_region r ON u.region_id = r.region_id;

-- Users per region name.
SELECT r.name, COUNT(*) FROM t_user u JOIN t_region r ON u.region_id = r.region_id GROUP BY r.name;

-- Users per region, regions without a name or without users included.
SELECT r.region_id, r.name, COUNT(u.user_id) FROM t_region r LEFT JOIN t_user u ON u.region_id = r.region_id GROUP BY r.region_id, r.name;

-- LEFT JOIN to the broadcast table keeps users of unknown regions.
SELECT u.user_id, u.region_id, r.name FROM t_user u LEFT JOIN t_region r ON u.region_id = r.region_id WHERE u.region_id IS NULL OR u.region_id > 10;

-- Orders, users and regions together.
SELECT o.order_id, u.name, r.name AS region FROM t_order o JOIN t_user u ON u.user_id = o.user_id JOIN t_region r ON r.region_id = u.region_id WHERE o.user_id IN (1, 2);

-- Order totals per region, ordered.
SELECT r.name, SUM(o.amount) AS total FROM t_order o JOIN t_user u ON u.user_id = o.user_id JOIN t_region r ON r.region_id = u.region_id GROUP BY r.name ORDER BY total DESC, r.name;

-- Broadcast table filtered by a subquery-free IN.
SELECT name FROM t_region WHERE region_id IN (1, 3, 5, 7, 9);

-- Broadcast table with LIKE (collation: 'z%' matches 'Zürich' and 'zagreb').
SELECT region_id, name FROM t_region WHERE name LIKE 'z%';

-- Broadcast aggregate.
SELECT COUNT(*), COUNT(name), MAX(region_id) FROM t_region;

-- Users of regions chosen by name through a join.
SELECT u.user_id FROM t_user u JOIN t_region r ON r.region_id = u.region_id WHERE r.name = 'oslo';

-- The single table, all rows.
SELECT k, v FROM t_config;

-- The single table, a point lookup.
SELECT v FROM t_config WHERE k = 'app.name';

-- The single table, a point lookup with a parameter.
-- @params: 'motd'
SELECT k, v FROM t_config WHERE k = ?;

-- The single table key is case-insensitive under its collation.
SELECT k, v FROM t_config WHERE k = 'FEATURE.GAMMA';

-- The single table ordered by key (collation: 'Feature.Gamma' after 'feature.beta').
SELECT k, v FROM t_config ORDER BY k;

-- The single table with NULL and empty values.
SELECT k FROM t_config WHERE v IS NULL OR v = '';

-- The single table with LIKE.
SELECT k, v FROM t_config WHERE k LIKE 'app.%';

-- The single table joined with the broadcast table (both on the first data source).
SELECT c.k, r.name FROM t_config c JOIN t_region r ON r.region_id = CHAR_LENGTH(c.k);

-- The single table aggregated.
SELECT COUNT(*), MIN(k), MAX(k) FROM t_config;
