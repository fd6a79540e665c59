CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    email text NOT NULL,
    created_at timestamptz DEFAULT now()
);
