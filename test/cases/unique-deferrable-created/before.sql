CREATE SCHEMA app;
CREATE TABLE app.seat (
    id integer PRIMARY KEY,
    position integer NOT NULL
);
