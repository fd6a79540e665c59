CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    customer_id integer NOT NULL,
    total numeric(12,2),
    placed_at timestamptz
);
