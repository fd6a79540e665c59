CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE FUNCTION app.norm(t text) RETURNS text
    LANGUAGE sql IMMUTABLE AS 'SELECT lower(t)';
CREATE INDEX person_norm ON app.person (app.norm(name));
INSERT INTO app.person VALUES (1, ' Ada '), (2, 'Grace');
