CREATE SCHEMA app;
CREATE TABLE app.item (
    id integer NOT NULL,
    code text NOT NULL,
    CONSTRAINT item_pkey PRIMARY KEY (id)
) WITH (autovacuum_enabled = false);
CREATE UNIQUE INDEX item_code_idx ON app.item (code);
ALTER TABLE app.item REPLICA IDENTITY USING INDEX item_code_idx;
CREATE TABLE app.stock (id integer PRIMARY KEY, qty integer);
