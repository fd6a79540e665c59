CREATE SCHEMA app;
CREATE TABLE app.base_item (id integer NOT NULL);
CREATE TABLE app.book (note text) INHERITS (app.base_item);
