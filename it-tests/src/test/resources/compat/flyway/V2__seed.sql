ALTER TABLE compat_fw_customer ADD COLUMN email VARCHAR(128);
INSERT INTO compat_fw_customer (id, name, email) VALUES (1, 'ann', 'ann@example.com'), (2, 'o''brien', NULL);
INSERT INTO t_user (user_id, name) VALUES (101, 'flyway one'), (102, 'flyway two'), (103, 'flyway three'), (104, 'flyway four');
