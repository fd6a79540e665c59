CREATE SCHEMA app;
CREATE TABLE app.task (
    id integer PRIMARY KEY,
    priority integer NOT NULL DEFAULT 3,
    state text DEFAULT 'new'
);
