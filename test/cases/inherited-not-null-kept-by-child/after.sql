CREATE SCHEMA app;
CREATE TABLE app.base_item (id integer NOT NULL, code text);
CREATE TABLE app.book (pages integer) INHERITS (app.base_item);
ALTER TABLE app.book ALTER COLUMN code SET NOT NULL;
