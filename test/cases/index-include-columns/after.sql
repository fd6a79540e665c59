CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    customer_id integer NOT NULL,
    total numeric(12,2),
    placed_at timestamptz
);
CREATE INDEX orders_customer_idx ON app.orders (customer_id, placed_at DESC) INCLUDE (total, id);
CREATE UNIQUE INDEX orders_id_cover_idx ON app.orders (id) INCLUDE (customer_id);
