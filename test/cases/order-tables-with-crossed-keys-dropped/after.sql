CREATE SCHEMA app;
CREATE TABLE app.kept (id integer PRIMARY KEY, employee_id integer);
