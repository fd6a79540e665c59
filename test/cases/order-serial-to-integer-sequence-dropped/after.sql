CREATE SCHEMA app;
CREATE TABLE app.orders (id integer PRIMARY KEY, note text);
CREATE TABLE app.lines (id bigint PRIMARY KEY, order_id integer);
