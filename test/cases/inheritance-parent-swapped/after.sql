CREATE SCHEMA app;
-- doc moves to a new parent that gives the same column; the old parent loses it
CREATE TABLE app.base_v1 (created date);
CREATE TABLE app.base_v2 (id bigserial NOT NULL);
CREATE TABLE app.doc (body text, created date) INHERITS (app.base_v2);
CREATE TABLE app.note (body text) INHERITS (app.base_v1);
