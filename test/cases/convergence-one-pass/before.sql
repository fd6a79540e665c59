-- roles: app_reader
CREATE SCHEMA app;
CREATE TABLE app.customer (
    id integer PRIMARY KEY,
    name text
);
