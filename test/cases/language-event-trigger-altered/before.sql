CREATE SCHEMA app;
CREATE FUNCTION app.pl_handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE c;
CREATE LANGUAGE plmine HANDLER app.pl_handler;
CREATE FUNCTION app.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
CREATE EVENT TRIGGER app_log_ddl ON ddl_command_end EXECUTE FUNCTION app.on_ddl();
CREATE EVENT TRIGGER app_watch_drops ON sql_drop EXECUTE FUNCTION app.on_ddl();
