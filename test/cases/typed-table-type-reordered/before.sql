CREATE SCHEMA app;
-- reordered: city moves before street; the table keys, indexes and defaults columns on both sides of the move
CREATE TYPE app.address AS (street text, city text, zip text);
CREATE TABLE app.home OF app.address (street WITH OPTIONS PRIMARY KEY, city WITH OPTIONS NOT NULL DEFAULT 'Springfield', zip WITH OPTIONS DEFAULT '00000');
CREATE INDEX home_city ON app.home (city);
INSERT INTO app.home VALUES ('Main St', 'Shelbyville', '12345'), ('Elm St', 'Springfield', NULL);
-- an attribute in the middle is renamed (no hint: dropped, and another added in its place)
CREATE TYPE app.tagged AS (id integer, tag text, weight integer);
CREATE TABLE app.item OF app.tagged (id WITH OPTIONS PRIMARY KEY, CONSTRAINT weight_positive CHECK (weight > 0));
INSERT INTO app.item VALUES (1, 'red', 10);
-- an attribute changes to a type text does not cast to by itself (USING)
CREATE TYPE app.reading AS (sensor text, amount text);
CREATE TABLE app.meter OF app.reading;
INSERT INTO app.meter VALUES ('s1', '42');
