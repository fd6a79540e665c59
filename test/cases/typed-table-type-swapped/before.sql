CREATE SCHEMA app;
CREATE TYPE app.old_point AS (x integer, y integer);
CREATE TYPE app.pair AS (x integer, y integer);
-- stops being typed, and its type is dropped: NOT OF must come first
CREATE TABLE app.legacy OF app.old_point;
-- moves from one type to another with the same columns
CREATE TABLE app.moved OF app.pair;
-- a plain table becomes a table of a type the migration creates
CREATE TABLE app.coord (lat double precision, lon double precision);
INSERT INTO app.coord VALUES (1.5, 2.5);
