CREATE SCHEMA app;
CREATE FUNCTION app.float8_diff(a double precision, b double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a - b';
CREATE TYPE app.floatrange AS RANGE (subtype = double precision, subtype_diff = app.float8_diff);
CREATE TABLE app.interval_reading (
    id integer PRIMARY KEY,
    span app.floatrange,
    spans app.floatmultirange
);
