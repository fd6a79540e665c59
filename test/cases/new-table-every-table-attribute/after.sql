-- roles: app_reader
CREATE SCHEMA app;
CREATE TABLE app.account (
    id integer PRIMARY KEY,
    owner_name text NOT NULL,
    notes text,
    balance numeric
) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05);
ALTER TABLE app.account ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.account FORCE ROW LEVEL SECURITY;
ALTER TABLE app.account REPLICA IDENTITY FULL;
ALTER TABLE app.account ALTER COLUMN owner_name SET (n_distinct = -0.5);
ALTER TABLE app.account ALTER COLUMN owner_name SET STATISTICS 250;
ALTER TABLE app.account ALTER COLUMN notes SET STORAGE MAIN;
ALTER TABLE app.account ALTER COLUMN notes SET COMPRESSION pglz;
CREATE POLICY account_own ON app.account FOR SELECT TO app_reader USING (owner_name = current_user);
COMMENT ON COLUMN app.account.balance IS 'in cents';
GRANT SELECT (id, owner_name) ON app.account TO app_reader;
CREATE TABLE app.ledger (
    id integer NOT NULL,
    at date NOT NULL
);
CREATE UNIQUE INDEX ledger_id_idx ON app.ledger (id) WITH (fillfactor = 70);
ALTER TABLE app.ledger REPLICA IDENTITY USING INDEX ledger_id_idx;
CREATE TABLE app.journal (
    id integer CONSTRAINT journal_pk PRIMARY KEY
);
ALTER TABLE app.journal REPLICA IDENTITY NOTHING;
