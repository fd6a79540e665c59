CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    status text NOT NULL,
    changed_at timestamptz
);
CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.changed_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER orders_touch_status BEFORE UPDATE OF status ON app.orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION app.touch();
COMMENT ON TRIGGER orders_touch_status ON app.orders IS 'stamps status changes';
