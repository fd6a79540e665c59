-- A small shop: the example database the demo starts from.
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'The shop application';

CREATE TYPE app.order_status AS ENUM ('new', 'paid', 'shipped', 'cancelled');
CREATE DOMAIN app.email AS text CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');

CREATE TABLE app.customer (
    customer_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email app.email NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app.customer IS 'People who buy';

CREATE TABLE app.product (
    product_id serial PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    title text NOT NULL,
    price numeric(10,2) NOT NULL CHECK (price >= 0)
);

CREATE TABLE app.orders (
    order_id bigserial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES app.customer ON DELETE CASCADE,
    status app.order_status NOT NULL DEFAULT 'new',
    placed_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz
);
CREATE INDEX orders_customer_idx ON app.orders (customer_id, placed_at DESC);
CREATE INDEX orders_open_idx ON app.orders (placed_at) WHERE status IN ('new', 'paid');

CREATE TABLE app.order_line (
    order_id bigint NOT NULL REFERENCES app.orders ON DELETE CASCADE,
    line_no smallint NOT NULL,
    product_id integer NOT NULL REFERENCES app.product,
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE FUNCTION app.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders
    FOR EACH ROW EXECUTE FUNCTION app.touch_updated_at();

CREATE VIEW app.order_total AS
    SELECT o.order_id, o.customer_id, sum(l.quantity * p.price) AS total
    FROM app.orders o
    JOIN app.order_line l USING (order_id)
    JOIN app.product p USING (product_id)
    GROUP BY o.order_id, o.customer_id;

GRANT USAGE ON SCHEMA app TO shop_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA app TO shop_reader;
