CREATE SCHEMA app;
CREATE TABLE app.customer (id integer PRIMARY KEY, name text);
CREATE TABLE app.orders (id integer PRIMARY KEY, customer integer REFERENCES app.customer);
CREATE TABLE app.widget (code integer PRIMARY KEY);
CREATE TABLE app.part (widget bigint REFERENCES app.widget);
INSERT INTO app.customer VALUES (1, 'a'), (2, 'b');
INSERT INTO app.orders VALUES (10, 1), (11, 2);
