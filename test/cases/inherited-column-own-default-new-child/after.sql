CREATE SCHEMA app;
-- new children made while the parent's defaults and settings change: what CREATE TABLE copies from the
-- parent (default, storage, compression) and what it does not (statistics, options)
CREATE TABLE app.event (id integer, kind text DEFAULT 'normal', note text);
ALTER TABLE app.event ALTER COLUMN note SET STORAGE EXTERNAL;
CREATE TABLE app.event_follows () INHERITS (app.event);
CREATE TABLE app.event_own () INHERITS (app.event);
ALTER TABLE ONLY app.event_own ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE ONLY app.event_own ALTER COLUMN note SET STORAGE MAIN;
ALTER TABLE ONLY app.event_own ALTER COLUMN id SET STATISTICS 50;
CREATE TABLE app.audit (id integer DEFAULT 7, who text COLLATE "C");
ALTER TABLE app.audit ALTER COLUMN who SET COMPRESSION pglz;
CREATE TABLE app.audit_child () INHERITS (app.audit);
ALTER TABLE ONLY app.audit_child ALTER COLUMN id SET DEFAULT 8;
CREATE TABLE app.reading (at date NOT NULL, v integer DEFAULT 2, note text) PARTITION BY RANGE (at);
CREATE TABLE app.reading_2024 PARTITION OF app.reading (v DEFAULT 3) FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.reading_2025 PARTITION OF app.reading FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
