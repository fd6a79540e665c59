CREATE SCHEMA app;
CREATE EXTENSION pg_trgm SCHEMA app;
CREATE EXTENSION citext SCHEMA app;
CREATE TABLE app.tag (
    id integer PRIMARY KEY,
    name text NOT NULL,
    slug app.citext
);
CREATE INDEX tag_name_trgm_idx ON app.tag USING gin (name app.gin_trgm_ops);
