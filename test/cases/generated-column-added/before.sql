CREATE SCHEMA app;
CREATE TABLE app.line (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    unit_price numeric(10,2) NOT NULL
);
INSERT INTO app.line VALUES (1, 3, 2.50);
