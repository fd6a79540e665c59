-- roles: app_reader
CREATE SCHEMA app;
CREATE DOMAIN app.email AS varchar(320) CHECK (VALUE LIKE '%@%');
COMMENT ON DOMAIN app.email IS 'an e-mail address';
GRANT USAGE ON DOMAIN app.email TO app_reader;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    mail app.email NOT NULL,
    backup_mail app.email DEFAULT 'nobody@example.org'
);
CREATE VIEW app.mailing AS SELECT id, mail FROM app.person;
