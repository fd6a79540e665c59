CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    name text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
CREATE TABLE app.active_person (
    id integer,
    name text
);
