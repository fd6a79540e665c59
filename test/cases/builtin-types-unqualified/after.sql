CREATE SCHEMA app;
CREATE TABLE app.sample (
    id integer PRIMARY KEY,
    big bigint,
    small smallint,
    label character varying(40),
    code character(3),
    ratio double precision,
    score real,
    amount numeric(8,3),
    at_time timestamp with time zone,
    local_time timestamp without time zone,
    day date,
    flag boolean,
    doc jsonb,
    tags text[],
    matrix integer[],
    ident uuid,
    raw bytea,
    period interval,
    addr inet,
    kind "char"
);
CREATE FUNCTION app.describe(n integer, t text, ts timestamp with time zone) RETURNS character varying
    LANGUAGE sql IMMUTABLE AS $$SELECT (n::text || t || ts::text)::varchar$$;
