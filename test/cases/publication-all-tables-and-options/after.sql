CREATE SCHEMA app;
CREATE TABLE app.account (id integer PRIMARY KEY, email text NOT NULL);
CREATE TABLE app.ledger (id integer PRIMARY KEY, account_id integer NOT NULL, amount numeric NOT NULL);
-- a new table: FOR ALL TABLES publishes it without naming it
CREATE TABLE app.ledger_archive (id integer PRIMARY KEY, amount numeric NOT NULL);
CREATE PUBLICATION everything FOR TABLE app.account;
CREATE PUBLICATION ledger_feed FOR TABLE app.ledger WITH (publish_via_partition_root = true);
-- a new publication of every table, deletes left out
CREATE PUBLICATION replica_all FOR ALL TABLES WITH (publish = 'insert, update, truncate');
