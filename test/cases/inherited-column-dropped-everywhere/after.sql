CREATE SCHEMA app;
CREATE TABLE app.base_item (id integer NOT NULL);
CREATE TABLE app.book (pages integer) INHERITS (app.base_item);
CREATE TABLE app.film (note text, minutes integer) INHERITS (app.base_item);
