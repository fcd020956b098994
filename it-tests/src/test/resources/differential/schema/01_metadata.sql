-- ==== Metadata of logical tables: a sharded database must describe its logical tables exactly
-- ==== as one server describes the real ones (physical names never show).

-- The tables of the current database.
SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name;

-- Column definitions of a sharded table.
SELECT column_name, ordinal_position, is_nullable, data_type, column_type, column_key FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't_order' ORDER BY ordinal_position;

-- Column definitions of the broadcast and single tables.
SELECT table_name, column_name, column_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name IN ('t_region', 't_config') ORDER BY table_name, ordinal_position;

-- DESCRIBE of a sharded table.
DESCRIBE t_user;

-- SHOW COLUMNS of a sharded table.
SHOW COLUMNS FROM t_order_item;

-- SHOW CREATE TABLE names the logical table.
SHOW CREATE TABLE t_order;

-- SHOW CREATE TABLE of the broadcast table.
SHOW CREATE TABLE t_region;
