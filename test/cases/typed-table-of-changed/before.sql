CREATE SCHEMA app;
CREATE TYPE app.address AS (street text, city text);
CREATE TABLE app.home (street text, city text);
CREATE TABLE app.office OF app.address;
INSERT INTO app.home VALUES ('Main St', 'Springfield');
