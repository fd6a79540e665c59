CREATE SCHEMA app;
CREATE TABLE app.person (id integer PRIMARY KEY, name text);
