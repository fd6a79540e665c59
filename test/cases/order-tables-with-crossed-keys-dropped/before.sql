CREATE SCHEMA app;
CREATE TABLE app.department (id integer PRIMARY KEY, manager_id integer);
CREATE TABLE app.employee (id integer PRIMARY KEY, department_id integer REFERENCES app.department (id));
ALTER TABLE app.department ADD CONSTRAINT department_manager_fk FOREIGN KEY (manager_id) REFERENCES app.employee (id);
CREATE TABLE app.kept (id integer PRIMARY KEY, employee_id integer REFERENCES app.employee (id));
