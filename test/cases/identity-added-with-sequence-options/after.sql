CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer GENERATED ALWAYS AS IDENTITY (START WITH 500 INCREMENT BY 2),
    name text
);
ALTER TABLE app.person RENAME TO member;
