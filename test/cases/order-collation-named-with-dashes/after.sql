CREATE SCHEMA app;
-- a collation of the project's own whose name needs quotes: what names it waits for its CREATE
CREATE COLLATION app."de-phonebook" (provider = icu, locale = 'de-u-co-phonebk');
CREATE DOMAIN app.sort_name AS text COLLATE app."de-phonebook";
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    name text COLLATE app."de-phonebook",
    surname text COLLATE app."de-phonebook",
    alias app.sort_name
);
CREATE TABLE app.street (id integer PRIMARY KEY, name text COLLATE app."de-phonebook");
