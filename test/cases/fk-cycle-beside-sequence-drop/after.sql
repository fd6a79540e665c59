CREATE SCHEMA app;
-- two keys referencing each other both go, while a serial column stops being one (its sequence goes)
CREATE TABLE app.a (id integer, k text, n text NOT NULL, UNIQUE (k, id));
CREATE TABLE app.b (id integer, k text, UNIQUE (k, id));
