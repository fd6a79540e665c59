CREATE SCHEMA app;
CREATE TABLE app.author (
    id integer PRIMARY KEY
);
CREATE TABLE app.book (
    id integer PRIMARY KEY,
    author_id integer,
    CONSTRAINT book_author_fk FOREIGN KEY (author_id) REFERENCES app.author (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
