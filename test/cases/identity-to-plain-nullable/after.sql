CREATE SCHEMA app;
CREATE TABLE app.item (
    id integer DEFAULT 0,
    name text
);
