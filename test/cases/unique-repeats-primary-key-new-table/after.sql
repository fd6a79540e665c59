CREATE SCHEMA app;
CREATE TABLE app.address (id integer NOT NULL, code text NOT NULL, label text);
ALTER TABLE app.address ADD CONSTRAINT address_pkey PRIMARY KEY (id);
ALTER TABLE app.address ADD CONSTRAINT address_id_key UNIQUE (id);
ALTER TABLE app.address ADD CONSTRAINT address_code_key UNIQUE (code);
ALTER TABLE app.address ADD CONSTRAINT address_code_again UNIQUE (code);
