CREATE SCHEMA app;
CREATE TABLE app.orders (id serial PRIMARY KEY, note text);
CREATE TABLE app.lines (id bigserial PRIMARY KEY, order_id integer);
INSERT INTO app.orders (note) VALUES ('a'), ('b');
