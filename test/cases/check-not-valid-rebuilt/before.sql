CREATE SCHEMA app;
CREATE TABLE app.product (
    id integer PRIMARY KEY,
    price numeric(10,2)
);
INSERT INTO app.product VALUES (1, -5.00), (2, 10.00);
ALTER TABLE app.product ADD CONSTRAINT product_price_check CHECK (price >= 0) NOT VALID;
