CREATE SCHEMA app;
CREATE TYPE app.pair AS (x integer, y integer);
CREATE TYPE app.xy AS (x integer, y integer);
CREATE TYPE app.geo AS (lat double precision, lon double precision);
CREATE TABLE app.legacy (x integer, y integer);
CREATE TABLE app.moved OF app.xy;
CREATE TABLE app.coord OF app.geo (lat WITH OPTIONS NOT NULL DEFAULT 0, PRIMARY KEY (lat, lon));
-- a new typed table with a check on a column the type gives
CREATE TABLE app.corner OF app.pair (x WITH OPTIONS DEFAULT 1, CONSTRAINT corner_x_positive CHECK (x > 0));
