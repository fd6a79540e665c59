-- roles: app_reader, app_owner
CREATE SCHEMA app;
-- Made before the default privileges: it does not get them.
CREATE TABLE app.early (id integer);
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO app_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app GRANT USAGE ON SEQUENCES TO app_reader WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner GRANT USAGE ON TYPES TO app_reader;
-- Made after them: it does.
CREATE TABLE app.late (id integer);
