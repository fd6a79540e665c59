-- roles: app_reader
CREATE SCHEMA app;
