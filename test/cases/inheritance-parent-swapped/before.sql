CREATE SCHEMA app;
CREATE TABLE app.base_v1 (id bigserial NOT NULL, created date);
CREATE TABLE app.doc (body text) INHERITS (app.base_v1);
CREATE TABLE app.note (body text) INHERITS (app.base_v1);
INSERT INTO app.doc (created, body) VALUES ('2024-01-01', 'a'), ('2024-01-02', 'b');
