CREATE SCHEMA app;
CREATE FUNCTION app.tax(amount numeric) RETURNS numeric
    LANGUAGE sql STABLE
    AS 'SELECT amount * 0.2';
