CREATE SCHEMA app;
CREATE COLLATION app.posix (provider = libc, locale = 'C');
CREATE TABLE app.person (id integer PRIMARY KEY, name text COLLATE app.posix, nick varchar(20) COLLATE app.posix);
CREATE INDEX person_nick_idx ON app.person (nick COLLATE app.posix);
INSERT INTO app.person VALUES (1, 'Ann', 'an');
