CREATE SCHEMA app;
CREATE TABLE app.address (
    id integer PRIMARY KEY,
    city text NOT NULL,
    zip text NOT NULL,
    country text NOT NULL
);
CREATE STATISTICS app.address_city_zip (ndistinct, dependencies) ON city, zip, country FROM app.address;
