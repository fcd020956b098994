-- the orders example's user table (already there when sharded) and a table of the application's own
CREATE TABLE IF NOT EXISTS t_user (user_id BIGINT PRIMARY KEY, name VARCHAR(64), region_id INT, created_at DATETIME, balance DECIMAL(12,2));
CREATE TABLE compat_fw_customer (
    id INT PRIMARY KEY,
    name VARCHAR(64) NOT NULL
);
