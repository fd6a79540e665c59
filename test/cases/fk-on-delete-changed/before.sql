CREATE SCHEMA app;
CREATE TABLE app.author (
    id integer PRIMARY KEY
);
CREATE TABLE app.book (
    id integer PRIMARY KEY,
    author_id integer,
    CONSTRAINT book_author_fk FOREIGN KEY (author_id) REFERENCES app.author (id)
);
INSERT INTO app.author VALUES (1); INSERT INTO app.book VALUES (1, 1);
