-- A few rows, so that backups and migrations have data to keep.
INSERT INTO app.customer (name, email) VALUES ('Ada', 'ada@example.com'), ('Brian', 'brian@example.com');
INSERT INTO app.product (sku, title, price) VALUES ('TEA-1', 'Green tea', 4.50), ('MUG-2', 'Mug', 9.00);
INSERT INTO app.orders (customer_id, status) VALUES (1, 'paid'), (2, 'new');
INSERT INTO app.order_line VALUES (1, 1, 1, 2), (1, 2, 2, 1), (2, 1, 1, 5);
