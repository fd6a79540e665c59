CREATE SCHEMA app;
CREATE TABLE app.note (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text
);
INSERT INTO app.note (body) VALUES ('first');
