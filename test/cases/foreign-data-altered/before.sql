CREATE SCHEMA app;
CREATE FOREIGN DATA WRAPPER files_fdw;
CREATE SERVER files FOREIGN DATA WRAPPER files_fdw OPTIONS (host 'alpha');
CREATE USER MAPPING FOR PUBLIC SERVER files OPTIONS (login 'reader');
CREATE FOREIGN TABLE app.remote_item (id integer NOT NULL, name text) SERVER files OPTIONS (table_name 'item');
