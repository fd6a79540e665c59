CREATE SCHEMA app;
CREATE TABLE app.invoice (id integer PRIMARY KEY, issued date NOT NULL);
CREATE TABLE app.reading (id integer NOT NULL, taken date NOT NULL) PARTITION BY RANGE (taken);
CREATE PUBLICATION billing FOR TABLE app.invoice, app.reading;
CREATE PUBLICATION drafts;
