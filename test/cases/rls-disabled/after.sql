-- roles: app_reader, app_writer
CREATE SCHEMA app;
CREATE TABLE app.document (
    id integer PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    body text
);
