CREATE SCHEMA app;
CREATE TABLE app.member (
    id integer NOT NULL,
    name text
);
INSERT INTO app.member VALUES (7, 'x');
