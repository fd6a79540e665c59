CREATE SCHEMA app;
CREATE TABLE app.event (
    id integer PRIMARY KEY,
    kind text,
    payload text,
    score integer
);
ALTER TABLE app.event ALTER COLUMN score SET (n_distinct = 100);
INSERT INTO app.event VALUES (1, 'a', 'x', 3);
