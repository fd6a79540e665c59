CREATE SCHEMA app;
CREATE TABLE app.event (id integer, kind text DEFAULT 'plain', note text);
CREATE TABLE app.reading (at date NOT NULL, v integer DEFAULT 0, note text) PARTITION BY RANGE (at);
