-- ==== point lookups
-- One user by its shard key.
SELECT user_id, name, region_id, created_at, balance FROM t_user WHERE user_id = 17;
