CREATE SCHEMA app;
CREATE TYPE app.pair AS (a integer, b integer);
CREATE FUNCTION app.same(x integer, y integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT x = y';
CREATE OPERATOR app.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.same);
CREATE FUNCTION app.add_up(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
CREATE AGGREGATE app.total(integer) (SFUNC = app.add_up, STYPE = integer, INITCOND = '0');
CREATE OPERATOR FAMILY app.int_fam USING hash;
CREATE OPERATOR CLASS app.int_hash FOR TYPE integer USING hash FAMILY app.int_fam AS
  OPERATOR 1 =,
  FUNCTION 1 hashint4(integer);
CREATE CONVERSION app.latin_to_utf FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE CAST (app.pair AS text) WITH INOUT AS ASSIGNMENT;
