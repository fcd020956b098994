-- Demo schema for `dbmesh quickstart` (logical database `demo`), run through the sidecar.
CREATE TABLE customers (
  id         INT PRIMARY KEY AUTO_INCREMENT,
  name       VARCHAR(64) NOT NULL,
  email      VARCHAR(128),
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE orders (
  id          BIGINT PRIMARY KEY AUTO_INCREMENT,
  customer_id INT NOT NULL,
  amount      DECIMAL(10,2) NOT NULL,
  status      VARCHAR(16) NOT NULL,
  ordered_at  DATETIME NOT NULL,
  KEY idx_customer (customer_id)
);
INSERT INTO customers (name, email) VALUES
  ('Ada Lovelace', 'ada@example.com'),
  ('Grace Hopper', 'grace@example.com'),
  ('Edsger Dijkstra', NULL);
INSERT INTO orders (customer_id, amount, status, ordered_at) VALUES
  (1, 19.99, 'paid', '2026-01-05 10:00:00'),
  (1, 5.00, 'shipped', '2026-01-07 16:30:00'),
  (2, 120.50, 'paid', '2026-02-11 09:15:00'),
  (3, 42.00, 'cancelled', '2026-03-01 12:00:00');
