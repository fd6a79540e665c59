CREATE SCHEMA app;
CREATE FUNCTION app.next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;
CREATE FUNCTION app.visible(integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 > 0 $$;
CREATE TABLE app.doc (id integer PRIMARY KEY, owner_id integer, code text DEFAULT app.next_code());
ALTER TABLE app.doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY doc_visible ON app.doc USING (app.visible(owner_id));
CREATE VIEW app.shown AS SELECT id, app.visible(owner_id) AS shown FROM app.doc;
INSERT INTO app.doc VALUES (1, 1, 'a');
