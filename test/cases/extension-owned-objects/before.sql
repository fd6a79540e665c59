CREATE SCHEMA app;
CREATE EXTENSION pg_trgm SCHEMA app;
CREATE EXTENSION citext SCHEMA app;
CREATE TABLE app.tag (
    id integer PRIMARY KEY,
    name text NOT NULL
);
