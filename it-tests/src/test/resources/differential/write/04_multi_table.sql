-- ==== Multi-table DML and INSERT … SELECT (last, so a refusal cannot disturb the other files).

-- INSERT … SELECT from the broadcast table into the single table (both live on the first data source).
INSERT INTO t_config (k, v) SELECT CONCAT('region.', region_id), name FROM t_region WHERE region_id <= 3;

-- Read the copied rows back.
SELECT k, v FROM t_config WHERE k LIKE 'region.%' ORDER BY k;

-- UPDATE over a join inside the binding group.
-- (sharded: refused by name; the single database runs it in a rolled-back transaction)
-- @sharded-rejects: multi-table UPDATE
UPDATE t_order o JOIN t_user u ON u.user_id = o.user_id SET o.status = 'VIP' WHERE u.balance > 4900;

-- Orders per status after the join update.
SELECT status, COUNT(*) FROM t_order GROUP BY status;

-- DELETE over a join inside the binding group.
-- (sharded: refused by name; the single database runs it in a rolled-back transaction)
-- @sharded-rejects: multi-table DELETE
DELETE o FROM t_order o JOIN t_user u ON u.user_id = o.user_id WHERE u.balance < -400;

-- Orders left after the join delete.
SELECT COUNT(*), SUM(amount) FROM t_order;
