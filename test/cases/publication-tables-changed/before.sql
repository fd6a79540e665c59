-- roles: app_owner
CREATE SCHEMA app;
CREATE TABLE app.customer (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.invoice (id integer PRIMARY KEY, customer_id integer NOT NULL);
CREATE PUBLICATION billing FOR TABLE app.customer;
CREATE PUBLICATION retired FOR TABLE app.invoice;
