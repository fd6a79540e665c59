-- roles: app_reader, app_owner
CREATE SCHEMA app;
