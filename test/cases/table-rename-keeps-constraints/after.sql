CREATE SCHEMA app;
CREATE TABLE app.customer (
    id integer CONSTRAINT client_pk PRIMARY KEY,
    email text NOT NULL CONSTRAINT client_email_key UNIQUE,
    age integer CONSTRAINT client_age_check CHECK (age >= 0)
);
CREATE INDEX client_lower_email_idx ON app.customer (lower(email));
CREATE TABLE app.invoice (
    id integer PRIMARY KEY,
    client_id integer NOT NULL CONSTRAINT invoice_client_fk REFERENCES app.customer (id)
);
