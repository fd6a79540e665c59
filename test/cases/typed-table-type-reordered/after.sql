CREATE SCHEMA app;
CREATE TYPE app.address AS (city text, street text, zip text);
CREATE TABLE app.home OF app.address (street WITH OPTIONS PRIMARY KEY, city WITH OPTIONS NOT NULL DEFAULT 'Springfield', zip WITH OPTIONS DEFAULT '00000');
CREATE INDEX home_city ON app.home (city);
CREATE TYPE app.tagged AS (id integer, label text, weight integer);
CREATE TABLE app.item OF app.tagged (id WITH OPTIONS PRIMARY KEY, CONSTRAINT weight_positive CHECK (weight > 0));
CREATE TYPE app.reading AS (sensor text, amount integer);
CREATE TABLE app.meter OF app.reading;
