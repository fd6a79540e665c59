-- roles: app_admin
CREATE SCHEMA app;
