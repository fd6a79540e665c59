CREATE SCHEMA app;
CREATE TABLE app.ticket (
    id integer GENERATED ALWAYS AS IDENTITY,
    title text
);
