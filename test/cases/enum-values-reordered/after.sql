CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE TABLE app.diary (
    id integer PRIMARY KEY,
    mood app.mood NOT NULL DEFAULT 'happy'
);
