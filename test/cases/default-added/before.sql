CREATE SCHEMA app;
CREATE TABLE app.task (
    id integer PRIMARY KEY,
    priority integer NOT NULL,
    state text
);
