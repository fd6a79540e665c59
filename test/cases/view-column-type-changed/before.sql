CREATE SCHEMA app;
CREATE TABLE app.member (
    id integer PRIMARY KEY,
    name text NOT NULL,
    joined date NOT NULL,
    points integer NOT NULL DEFAULT 0
);
CREATE VIEW app.member_card AS SELECT id, name, points FROM app.member;
