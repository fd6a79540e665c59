CREATE SCHEMA app;
-- the parent's defaults change; each child keeps or sets its own
CREATE TABLE app.event (id integer, kind text DEFAULT 'normal', note text, score integer DEFAULT 10);
CREATE TABLE app.event_archive () INHERITS (app.event);
ALTER TABLE ONLY app.event_archive ALTER COLUMN kind SET DEFAULT 'plain';
ALTER TABLE ONLY app.event_archive ALTER COLUMN score DROP DEFAULT;
ALTER TABLE ONLY app.event_archive ALTER COLUMN note SET STATISTICS 300;
ALTER TABLE ONLY app.event_archive ALTER COLUMN note SET STORAGE EXTERNAL;
CREATE TABLE app.event_special () INHERITS (app.event);
ALTER TABLE ONLY app.event_special ALTER COLUMN kind SET DEFAULT 'special';
CREATE TABLE app.event_special_old () INHERITS (app.event_special);
CREATE TABLE app.reading (at date NOT NULL, v integer DEFAULT 1, note text) PARTITION BY RANGE (at);
CREATE TABLE app.reading_2024 PARTITION OF app.reading FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ONLY app.reading_2024 ALTER COLUMN v SET DEFAULT 0;
ALTER TABLE ONLY app.reading_2024 ALTER COLUMN note SET (n_distinct = -0.5);
