CREATE SCHEMA app;
CREATE TABLE app.product (
    id integer PRIMARY KEY,
    price numeric(10,2)
);
ALTER TABLE app.product ADD CONSTRAINT product_price_check CHECK (price >= 0) NOT VALID;
