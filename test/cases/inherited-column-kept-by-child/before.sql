CREATE SCHEMA app;
CREATE TABLE app.base_item (id integer NOT NULL, note text);
CREATE TABLE app.book () INHERITS (app.base_item);
INSERT INTO app.book VALUES (1, 'kept');
