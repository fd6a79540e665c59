CREATE SCHEMA app;
CREATE TABLE app.entry (id integer NOT NULL, book text NOT NULL, note text) PARTITION BY LIST (book);
CREATE TABLE app.entry_b1 PARTITION OF app.entry FOR VALUES IN ('b1');
CREATE INDEX entry_b1_note ON app.entry_b1 (note);
ALTER TABLE app.entry_b1 ADD CONSTRAINT entry_b1_own_key UNIQUE (book, id);
INSERT INTO app.entry VALUES (1, 'b1', 'n');
