CREATE SCHEMA app;
CREATE TABLE app.reading (
    id integer PRIMARY KEY,
    value text
);
INSERT INTO app.reading VALUES (1, '42'), (2, '-7'), (3, NULL);
