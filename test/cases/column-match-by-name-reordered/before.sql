CREATE SCHEMA app;
CREATE TABLE app.shipment (
    id integer PRIMARY KEY,
    weight integer,
    label text
);
