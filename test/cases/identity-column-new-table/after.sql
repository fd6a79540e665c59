-- roles: app_owner
CREATE SCHEMA app;
CREATE TABLE app.event (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 10) PRIMARY KEY,
    name text NOT NULL
);
ALTER TABLE app.event OWNER TO app_owner;
