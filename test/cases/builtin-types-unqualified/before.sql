CREATE SCHEMA app;
CREATE TABLE app.sample (
    id integer PRIMARY KEY
);
