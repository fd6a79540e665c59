CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE SCHEMA archive;
CREATE TABLE app.orders (id integer PRIMARY KEY, total numeric NOT NULL, note text, currency text);
CREATE TABLE app.refunds (id integer PRIMARY KEY, order_id integer NOT NULL);
CREATE TABLE audit.event (id integer PRIMARY KEY, payload text);
CREATE TABLE archive.old_event (id integer PRIMARY KEY);
-- the filter changes and the list gains a new column
CREATE PUBLICATION big_orders FOR TABLE app.orders (id, total, currency) WHERE (total > 1000);
-- a second schema, made by the migration
CREATE PUBLICATION audit_feed FOR TABLES IN SCHEMA audit, archive;
CREATE PUBLICATION refunds_feed FOR TABLE app.refunds;
