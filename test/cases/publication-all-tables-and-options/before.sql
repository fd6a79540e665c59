CREATE SCHEMA app;
CREATE TABLE app.account (id integer PRIMARY KEY, email text NOT NULL);
CREATE TABLE app.ledger (id integer PRIMARY KEY, account_id integer NOT NULL, amount numeric NOT NULL);
-- becomes a publication of one table (FOR ALL TABLES cannot be altered away)
CREATE PUBLICATION everything FOR ALL TABLES;
-- publishes every action and through the partition root afterwards
CREATE PUBLICATION ledger_feed FOR TABLE app.ledger WITH (publish = 'insert');
