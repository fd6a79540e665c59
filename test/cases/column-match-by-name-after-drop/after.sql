CREATE SCHEMA app;
CREATE TABLE app.account (
    id integer PRIMARY KEY,
    email text NOT NULL,
    balance numeric(12,2) NOT NULL DEFAULT 0
);
