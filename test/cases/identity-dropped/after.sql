CREATE SCHEMA app;
CREATE TABLE app.note (
    id integer NOT NULL PRIMARY KEY,
    body text
);
