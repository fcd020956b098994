-- Insert one user.
INSERT INTO t_user (user_id, name) VALUES (100001, 'new');
