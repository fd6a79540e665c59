CREATE SCHEMA app;
CREATE TABLE app.base_item (id integer NOT NULL, code text NOT NULL);
CREATE TABLE app.book (pages integer) INHERITS (app.base_item);
