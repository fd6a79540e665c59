CREATE SCHEMA app;
CREATE TABLE app.product (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE app.stock (id integer PRIMARY KEY, product_id integer);
CREATE VIEW app.catalog AS SELECT id, name FROM app.product;
CREATE MATERIALIZED VIEW app.price_list AS SELECT id, 0::numeric AS price FROM app.product;
