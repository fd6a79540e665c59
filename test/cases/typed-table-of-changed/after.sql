CREATE SCHEMA app;
CREATE TYPE app.address AS (street text, city text);
-- becomes a typed table (its columns match the type's)
CREATE TABLE app.home OF app.address;
-- stops being one
CREATE TABLE app.office (street text, city text);
-- a new typed table, with a constraint on a column it gets from the type
CREATE TABLE app.depot OF app.address (city NOT NULL);
