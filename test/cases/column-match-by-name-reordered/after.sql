CREATE SCHEMA app;
-- the same columns declared in another order, and weight changes type
CREATE TABLE app.shipment (
    id integer PRIMARY KEY,
    label text,
    weight numeric(10,3)
);
