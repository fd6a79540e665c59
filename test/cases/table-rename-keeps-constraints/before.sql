CREATE SCHEMA app;
CREATE TABLE app.client (
    id integer CONSTRAINT client_pk PRIMARY KEY,
    email text NOT NULL CONSTRAINT client_email_key UNIQUE,
    age integer CONSTRAINT client_age_check CHECK (age >= 0)
);
CREATE INDEX client_lower_email_idx ON app.client (lower(email));
CREATE TABLE app.invoice (
    id integer PRIMARY KEY,
    client_id integer NOT NULL CONSTRAINT invoice_client_fk REFERENCES app.client (id)
);
INSERT INTO app.client VALUES (1, 'c@example.com', 30);
INSERT INTO app.invoice VALUES (10, 1);
