CREATE INDEX idx_fw_name ON compat_fw_customer (name);
UPDATE t_user SET region_id = 7 WHERE user_id IN (101, 103);
UPDATE compat_fw_customer SET email = CONCAT(name, '@example.org') WHERE email IS NULL;
