CREATE SCHEMA app;
CREATE TABLE app.ticket (
    id integer,
    title text
);
INSERT INTO app.ticket VALUES (1, 'first'), (2, 'second');
