CREATE SCHEMA app;
CREATE TABLE app.account (
    id integer PRIMARY KEY,
    legacy_code text,
    email text NOT NULL,
    balance integer NOT NULL DEFAULT 0
);
-- leaves a hole in attnum: email is attnum 3, balance attnum 4
ALTER TABLE app.account DROP COLUMN legacy_code;
INSERT INTO app.account VALUES (1, 'a@example.com', 5);
