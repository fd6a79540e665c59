CREATE SCHEMA app;
CREATE TABLE app.customer (
    id integer PRIMARY KEY,
    display_name text
);
