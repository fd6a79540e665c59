CREATE SCHEMA app;
CREATE TABLE app.line (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    total numeric(12,2) GENERATED ALWAYS AS (round(qty * unit_price * 1.2, 2)) STORED
);
