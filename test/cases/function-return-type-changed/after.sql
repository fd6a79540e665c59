-- roles: app_reader
CREATE SCHEMA app;
CREATE TABLE app.price (
    id integer PRIMARY KEY,
    net numeric(10,2) NOT NULL
);
CREATE FUNCTION app.gross(net numeric) RETURNS text
    LANGUAGE sql IMMUTABLE AS 'SELECT round(net * 1.2, 2)::text';
CREATE VIEW app.price_gross AS SELECT id, app.gross(net) AS gross FROM app.price;
GRANT SELECT ON app.price_gross TO app_reader;
COMMENT ON FUNCTION app.gross(numeric) IS 'price with tax';
