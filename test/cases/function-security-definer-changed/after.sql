CREATE SCHEMA app;
CREATE FUNCTION app.tax(amount numeric) RETURNS numeric
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS 'SELECT amount * 0.2';
