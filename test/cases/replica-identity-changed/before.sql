CREATE SCHEMA app;
CREATE TABLE app.item (
    id integer NOT NULL,
    code text NOT NULL,
    CONSTRAINT item_pkey PRIMARY KEY (id)
) WITH (fillfactor = 90);
CREATE UNIQUE INDEX item_code_idx ON app.item (code);
CREATE TABLE app.stock (id integer PRIMARY KEY, qty integer);
ALTER TABLE app.stock REPLICA IDENTITY FULL;
