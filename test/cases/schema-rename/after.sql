CREATE SCHEMA support;
CREATE TYPE support.status AS ENUM ('open', 'closed');
CREATE TABLE support.ticket (
    id integer PRIMARY KEY,
    status support.status NOT NULL DEFAULT 'open'
);
CREATE VIEW support.open_ticket AS SELECT id FROM support.ticket WHERE status = 'open';
CREATE FUNCTION support.double_it(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT n * 2';
