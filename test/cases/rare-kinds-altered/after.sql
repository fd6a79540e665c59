CREATE SCHEMA app;
CREATE TYPE app.pair AS (a integer, b integer);
CREATE FUNCTION app.same(x integer, y integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT x = y';
CREATE OPERATOR app.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.same, RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR app.=== (integer, integer) IS 'the same number';
CREATE FUNCTION app.add_up(s integer, v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT s + v';
-- The state starts at 1 now: CREATE OR REPLACE AGGREGATE keeps its grants and what uses it.
CREATE AGGREGATE app.total(integer) (SFUNC = app.add_up, STYPE = integer, INITCOND = '1');
CREATE OPERATOR FAMILY app.int_fam USING hash;
COMMENT ON OPERATOR FAMILY app.int_fam USING hash IS 'integers by hash';
CREATE OPERATOR CLASS app.int_hash FOR TYPE integer USING hash FAMILY app.int_fam AS
  OPERATOR 1 =,
  FUNCTION 1 hashint4(integer);
COMMENT ON OPERATOR CLASS app.int_hash USING hash IS 'hashed integers';
CREATE CONVERSION app.latin_to_utf FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION app.latin_to_utf IS 'Latin-1 to UTF-8';
-- A cast's context cannot be altered: it is dropped and created again.
CREATE CAST (app.pair AS text) WITH INOUT AS IMPLICIT;
