CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    name text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
CREATE VIEW app.active_person AS SELECT id, name FROM app.person WHERE active;
