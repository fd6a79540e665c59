CREATE SCHEMA app;
CREATE FOREIGN DATA WRAPPER files_fdw OPTIONS (debug 'true');
CREATE SERVER files FOREIGN DATA WRAPPER files_fdw OPTIONS (host 'beta', port '5433');
CREATE USER MAPPING FOR PUBLIC SERVER files OPTIONS (login 'writer');
CREATE FOREIGN TABLE app.remote_item (id integer NOT NULL, name text, price numeric(10,2)) SERVER files OPTIONS (table_name 'item');
COMMENT ON FOREIGN TABLE app.remote_item IS 'items kept elsewhere';
