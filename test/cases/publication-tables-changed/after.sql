-- roles: app_owner
CREATE SCHEMA app;
CREATE TABLE app.customer (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.invoice (id integer PRIMARY KEY, customer_id integer NOT NULL);
CREATE TABLE app.payment (id integer PRIMARY KEY, invoice_id integer NOT NULL);
-- billing: a table swapped, another added, and fewer actions published
CREATE PUBLICATION billing FOR TABLE app.invoice, app.payment WITH (publish = 'insert, update');
ALTER PUBLICATION billing OWNER TO app_owner;
CREATE PUBLICATION audit FOR TABLE app.customer;
COMMENT ON PUBLICATION audit IS 'read by the audit replica';
