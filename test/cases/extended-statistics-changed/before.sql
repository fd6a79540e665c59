CREATE SCHEMA app;
CREATE TABLE app.address (
    id integer PRIMARY KEY,
    city text NOT NULL,
    zip text NOT NULL,
    country text NOT NULL
);
CREATE STATISTICS app.address_city_zip (ndistinct) ON city, zip FROM app.address;
