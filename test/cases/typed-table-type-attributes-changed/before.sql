CREATE SCHEMA app;
CREATE TYPE app.address AS (street text, city text, note text);
CREATE TABLE app.home OF app.address;
INSERT INTO app.home VALUES ('Main St', 'Springfield', 'blue door');
