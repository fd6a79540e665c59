CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    email text,
    created_at timestamptz DEFAULT now()
);
