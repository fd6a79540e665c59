-- roles: app_reader
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'sad');
COMMENT ON TYPE app.mood IS 'how the day went';
REVOKE USAGE ON TYPE app.mood FROM PUBLIC;
GRANT USAGE ON TYPE app.mood TO app_reader;
CREATE TABLE app.diary (
    id integer PRIMARY KEY,
    mood app.mood NOT NULL
);
