CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('open', 'closed');
CREATE TABLE app.ticket (
    id integer PRIMARY KEY,
    status app.status NOT NULL DEFAULT 'open'
);
CREATE VIEW app.open_ticket AS SELECT id FROM app.ticket WHERE status = 'open';
CREATE FUNCTION app.double_it(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT n * 2';
INSERT INTO app.ticket VALUES (1, 'open'), (2, 'closed');
