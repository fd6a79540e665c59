CREATE SCHEMA app;
CREATE TABLE app.customer (
    id integer PRIMARY KEY,
    fullname text NOT NULL
);
INSERT INTO app.customer VALUES (1, 'Ada Lovelace');
