CREATE SCHEMA app;
CREATE TABLE app.entry (id integer NOT NULL, book text NOT NULL, note text) PARTITION BY LIST (book);
CREATE TABLE app.entry_b1 PARTITION OF app.entry FOR VALUES IN ('b1');
-- the parent gains an index and a key; the partition keeps its own matching ones beside
-- the copies PostgreSQL makes, and gains a new one that matches too
ALTER TABLE app.entry ADD CONSTRAINT entry_book_id_key UNIQUE (book, id);
CREATE INDEX entry_note_idx ON app.entry (note);
CREATE INDEX entry_b1_note ON app.entry_b1 (note);
ALTER TABLE app.entry_b1 ADD CONSTRAINT entry_b1_own_key UNIQUE (book, id);
CREATE INDEX entry_b1_note_again ON app.entry_b1 (note);
