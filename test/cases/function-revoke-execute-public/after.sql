-- roles: app_admin
CREATE SCHEMA app;
CREATE FUNCTION app.reset_counter(n integer) RETURNS integer
    LANGUAGE sql VOLATILE AS 'SELECT n';
REVOKE EXECUTE ON FUNCTION app.reset_counter(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.reset_counter(integer) TO app_admin;
