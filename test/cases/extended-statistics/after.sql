CREATE SCHEMA app;
CREATE TABLE app.address (
    id integer PRIMARY KEY,
    city text NOT NULL,
    zip text NOT NULL,
    country text NOT NULL
);
CREATE STATISTICS app.address_city_zip (ndistinct, dependencies) ON city, zip FROM app.address;
CREATE STATISTICS app.address_country_mcv (mcv) ON country, lower(city) FROM app.address;
ALTER STATISTICS app.address_city_zip SET STATISTICS 500;
COMMENT ON STATISTICS app.address_city_zip IS 'zip implies city';
