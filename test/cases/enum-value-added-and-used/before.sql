CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('open', 'closed');
CREATE TABLE app.ticket (id integer PRIMARY KEY, status app.status NOT NULL DEFAULT 'open');
CREATE TABLE app.other (id integer, s app.status);
INSERT INTO app.ticket VALUES (1, 'open'), (2, 'closed');
