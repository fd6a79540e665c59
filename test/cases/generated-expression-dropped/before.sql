CREATE SCHEMA app;
CREATE TABLE app.line (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    total numeric(12,2) GENERATED ALWAYS AS (qty * unit_price) STORED
);
INSERT INTO app.line VALUES (1, 3, 2.50);
