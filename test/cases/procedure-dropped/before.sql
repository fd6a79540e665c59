CREATE SCHEMA app;
CREATE TABLE app.job (
    id integer PRIMARY KEY,
    done boolean NOT NULL DEFAULT false
);
CREATE PROCEDURE app.purge_done(keep integer DEFAULT 0)
    LANGUAGE plpgsql
    AS $$
BEGIN
    DELETE FROM app.job WHERE done AND id > keep;
END
$$;
COMMENT ON PROCEDURE app.purge_done(integer) IS 'removes finished jobs';
