CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    name text NOT NULL
);
-- A second parameter with a default: the index text stays app.norm(name),
-- but it now calls another function.
CREATE FUNCTION app.norm(t text, trimmed boolean DEFAULT true) RETURNS text
    LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN trimmed THEN lower(btrim(t)) ELSE lower(t) END';
CREATE INDEX person_norm ON app.person (app.norm(name));
