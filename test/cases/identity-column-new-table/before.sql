-- roles: app_owner
CREATE SCHEMA app;
