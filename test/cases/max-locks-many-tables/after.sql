-- 8,000 tables with a primary key each: more locks than one transaction can hold on a server with
-- max_locks_per_transaction = 64 and max_connections = 100 (about 6,400 lock slots).
-- Built in batches, each its own transaction, so that this file itself applies.
CREATE SCHEMA app;
BEGIN;
DO $$ BEGIN FOR i IN 1..1000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
BEGIN;
DO $$ BEGIN FOR i IN 1001..2000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
BEGIN;
DO $$ BEGIN FOR i IN 2001..3000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
BEGIN;
DO $$ BEGIN FOR i IN 3001..4000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
BEGIN;
DO $$ BEGIN FOR i IN 4001..5000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
BEGIN;
DO $$ BEGIN FOR i IN 5001..6000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
BEGIN;
DO $$ BEGIN FOR i IN 6001..7000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
BEGIN;
DO $$ BEGIN FOR i IN 7001..8000 LOOP EXECUTE format('CREATE TABLE app.t%s (id integer PRIMARY KEY, name text)', lpad(i::text, 4, '0')); END LOOP; END $$;
COMMIT;
