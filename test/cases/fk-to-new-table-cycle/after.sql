CREATE SCHEMA app;
CREATE TABLE app.department (
    id integer PRIMARY KEY,
    manager_id integer
);
CREATE TABLE app.employee (
    id integer PRIMARY KEY,
    department_id integer NOT NULL CONSTRAINT employee_department_fk REFERENCES app.department (id)
);
ALTER TABLE app.department ADD CONSTRAINT department_manager_fk FOREIGN KEY (manager_id) REFERENCES app.employee (id) DEFERRABLE;
