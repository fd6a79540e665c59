CREATE SCHEMA app;
CREATE TABLE app.item (
    id integer GENERATED ALWAYS AS IDENTITY,
    name text
);
INSERT INTO app.item (name) VALUES ('a');
