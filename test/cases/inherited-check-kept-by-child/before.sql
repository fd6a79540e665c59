CREATE SCHEMA app;
CREATE TABLE app.base_item (id integer NOT NULL CONSTRAINT base_item_id_check CHECK (id > 0));
CREATE TABLE app.book (pages integer) INHERITS (app.base_item);
CREATE TABLE app.film (minutes integer) INHERITS (app.base_item);
