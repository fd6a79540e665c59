-- roles: app_reader
-- Grants given and taken back leave ACLs equal to the built-in defaults (acldefault()):
-- they mean what no ACL means, as pg_dump treats them.
CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO app_reader;
REVOKE USAGE ON SCHEMA app FROM app_reader;
CREATE TABLE app.note (id integer);
GRANT SELECT ON app.note TO app_reader;
REVOKE SELECT ON app.note FROM app_reader;
CREATE SEQUENCE app.counter;
GRANT USAGE ON SEQUENCE app.counter TO app_reader;
REVOKE USAGE ON SEQUENCE app.counter FROM app_reader;
CREATE FUNCTION app.answer() RETURNS integer LANGUAGE sql AS 'SELECT 42';
REVOKE EXECUTE ON FUNCTION app.answer() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.answer() TO PUBLIC;
CREATE TYPE app.mood AS ENUM ('ok');
REVOKE USAGE ON TYPE app.mood FROM PUBLIC;
GRANT USAGE ON TYPE app.mood TO PUBLIC;
CREATE DOMAIN app.code AS text;
GRANT USAGE ON DOMAIN app.code TO app_reader;
REVOKE USAGE ON DOMAIN app.code FROM app_reader;
