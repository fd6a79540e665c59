CREATE SCHEMA app;
CREATE TABLE app.product (
    id integer PRIMARY KEY,
    name text NOT NULL,
    legacy_code text,
    old_price numeric
);
CREATE TABLE app.stock (id integer PRIMARY KEY, product_id integer, shelf text);
-- selects every column: redefined so that it no longer reads legacy_code
CREATE VIEW app.catalog AS SELECT * FROM app.product;
-- a materialized view redefined the same way
CREATE MATERIALIZED VIEW app.price_list AS SELECT id, old_price FROM app.product;
-- a view that goes away with the column it reads
CREATE VIEW app.shelf_map AS SELECT id, shelf FROM app.stock;
