CREATE SCHEMA app;
CREATE TABLE app.person (id integer PRIMARY KEY, name text COLLATE "C", nick varchar(20));
CREATE INDEX person_nick_idx ON app.person (nick);
