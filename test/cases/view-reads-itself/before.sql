CREATE SCHEMA app;
CREATE TABLE app.project (id integer PRIMARY KEY, name text NOT NULL, client integer);
