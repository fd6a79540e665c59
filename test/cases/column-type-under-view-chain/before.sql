-- roles: app_reader
CREATE SCHEMA app;
CREATE TABLE app.item (
    id integer PRIMARY KEY,
    name text NOT NULL,
    qty integer NOT NULL
);
CREATE VIEW app.item_stock AS SELECT id, name, qty FROM app.item WHERE qty > 0;
CREATE VIEW app.stock_summary AS SELECT sum(qty) AS total, count(*) AS items FROM app.item_stock;
COMMENT ON VIEW app.item_stock IS 'items in stock';
COMMENT ON VIEW app.stock_summary IS 'stock totals';
GRANT SELECT ON app.item_stock TO app_reader;
GRANT SELECT ON app.stock_summary TO app_reader;
INSERT INTO app.item VALUES (1, 'bolt', 10), (2, 'nut', 0);
