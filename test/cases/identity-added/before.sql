CREATE SCHEMA app;
CREATE TABLE app.note (
    id integer NOT NULL PRIMARY KEY,
    body text
);
INSERT INTO app.note VALUES (1, 'first');
