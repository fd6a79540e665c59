CREATE SCHEMA app;
CREATE TABLE app.invoice (id integer PRIMARY KEY, issued date NOT NULL);
CREATE TABLE app.draft (id integer PRIMARY KEY);
CREATE TABLE app.reading (id integer NOT NULL, taken date NOT NULL);
-- the published table app.draft is dropped; app.reading is made partitioned (dropped and created again)
CREATE PUBLICATION billing FOR TABLE app.invoice, app.draft, app.reading;
-- its only table is dropped
CREATE PUBLICATION drafts FOR TABLE app.draft;
INSERT INTO app.invoice VALUES (1, '2024-01-31');
