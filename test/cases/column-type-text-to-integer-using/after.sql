CREATE SCHEMA app;
CREATE TABLE app.reading (
    id integer PRIMARY KEY,
    value integer
);
