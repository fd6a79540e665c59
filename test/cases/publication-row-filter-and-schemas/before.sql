CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TABLE app.orders (id integer PRIMARY KEY, total numeric NOT NULL, note text);
CREATE TABLE app.refunds (id integer PRIMARY KEY, order_id integer NOT NULL);
CREATE TABLE audit.event (id integer PRIMARY KEY, payload text);
-- a column list and a row filter (PostgreSQL 15)
CREATE PUBLICATION big_orders FOR TABLE app.orders (id, total) WHERE (total > 100);
-- every table of a schema (PostgreSQL 15)
CREATE PUBLICATION audit_feed FOR TABLES IN SCHEMA audit;
-- loses its row filter
CREATE PUBLICATION refunds_feed FOR TABLE app.refunds WHERE (order_id > 0);
