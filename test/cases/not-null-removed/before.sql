CREATE SCHEMA app;
CREATE TABLE app.person (
    id integer PRIMARY KEY,
    email text NOT NULL,
    created_at timestamptz DEFAULT now()
);
INSERT INTO app.person VALUES (1, 'p@example.com', '2024-01-01 00:00:00+00');
