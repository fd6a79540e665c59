CREATE SCHEMA app;
CREATE TABLE app.doc (id integer PRIMARY KEY, owner_id integer, code text);
ALTER TABLE app.doc ENABLE ROW LEVEL SECURITY;
CREATE POLICY doc_visible ON app.doc USING (owner_id > 0);
CREATE VIEW app.shown AS SELECT id, owner_id > 0 AS shown FROM app.doc;
