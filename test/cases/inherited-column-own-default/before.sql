CREATE SCHEMA app;
CREATE TABLE app.event (id integer, kind text DEFAULT 'plain', note text, score integer DEFAULT 5);
CREATE TABLE app.event_archive () INHERITS (app.event);
CREATE TABLE app.event_special () INHERITS (app.event);
CREATE TABLE app.event_special_old () INHERITS (app.event_special);
CREATE TABLE app.reading (at date NOT NULL, v integer DEFAULT 0, note text) PARTITION BY RANGE (at);
CREATE TABLE app.reading_2024 PARTITION OF app.reading FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO app.event_archive VALUES (1, 'old', 'kept', 1);
INSERT INTO app.reading VALUES ('2024-05-01', 7, 'r');
