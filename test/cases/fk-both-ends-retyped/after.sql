CREATE SCHEMA app;
-- both ends of a key change to a type the old other end cannot be compared with; int -> bigint needs nothing
CREATE TABLE app.customer (id text PRIMARY KEY, name text);
CREATE TABLE app.orders (id integer PRIMARY KEY, customer text REFERENCES app.customer);
CREATE TABLE app.widget (code bigint PRIMARY KEY);
CREATE TABLE app.part (widget bigint REFERENCES app.widget);
