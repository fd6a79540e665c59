-- roles: app_reader
CREATE SCHEMA app;
CREATE TABLE app.note (id integer);
