// Triggers on tables and views, migrated on a real server and read back.
import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

const base = `CREATE SCHEMA app;
CREATE TABLE app.orders (id integer PRIMARY KEY, status text, changed_at timestamptz);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.changed_at := now(); RETURN NEW; END$$;
CREATE FUNCTION app.log() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
`;

const touch = `${base}CREATE TRIGGER orders_touch BEFORE UPDATE OF status ON app.orders
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION app.touch();`;

describe("triggers", () => {
  it("creates a row trigger with UPDATE OF columns and a WHEN condition", async () => {
    const { sql } = await roundTrip(base, touch);
    expect(sql).toEqual([
      "CREATE TRIGGER orders_touch\n    BEFORE UPDATE OF status ON app.orders\n    FOR EACH ROW\n" +
        "    WHEN ((old.status IS DISTINCT FROM new.status))\n    EXECUTE FUNCTION app.touch()",
    ]);
  });

  it("drops a trigger", async () => {
    expect((await roundTrip(touch, base)).sql).toEqual(["DROP TRIGGER orders_touch ON app.orders"]);
  });

  it("creates the trigger function before the trigger, and a statement trigger with transition tables and arguments", async () => {
    const after = `${base}CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;
      CREATE TRIGGER orders_audit AFTER UPDATE ON app.orders REFERENCING OLD TABLE AS gone NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION app.audit('orders', 'it''s');`;
    const { sql } = await roundTrip(base, after);
    expect(sql).toEqual([
      "CREATE FUNCTION app.audit()\n    RETURNS trigger\n    LANGUAGE plpgsql VOLATILE\n    AS $$BEGIN RETURN NULL; END$$",
      "CREATE TRIGGER orders_audit\n    AFTER UPDATE ON app.orders\n    REFERENCING OLD TABLE AS gone NEW TABLE AS added\n" +
        "    FOR EACH STATEMENT\n    EXECUTE FUNCTION app.audit('orders', 'it''s')",
    ]);
  });

  it("replaces a changed trigger with CREATE OR REPLACE TRIGGER, keeping its comment and enabled state", async () => {
    const before = `${touch} COMMENT ON TRIGGER orders_touch ON app.orders IS 'stamps';
      ALTER TABLE app.orders DISABLE TRIGGER orders_touch;`;
    const after = `${base}CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON app.orders
      FOR EACH ROW EXECUTE FUNCTION app.touch();
      COMMENT ON TRIGGER orders_touch ON app.orders IS 'stamps';
      ALTER TABLE app.orders DISABLE TRIGGER orders_touch;`;
    expect((await roundTrip(before, after)).sql).toEqual([
      "CREATE OR REPLACE TRIGGER orders_touch\n    BEFORE INSERT OR UPDATE ON app.orders\n    FOR EACH ROW\n    EXECUTE FUNCTION app.touch()",
      "ALTER TABLE app.orders DISABLE TRIGGER orders_touch",
    ]);
  });

  it("changes the enabled state with ALTER TABLE", async () => {
    const state = (s: string) => `${touch} ALTER TABLE app.orders ${s} TRIGGER orders_touch;`;
    expect((await roundTrip(touch, state("DISABLE"))).sql).toEqual(["ALTER TABLE app.orders DISABLE TRIGGER orders_touch"]);
    expect((await roundTrip(state("DISABLE"), state("ENABLE REPLICA"))).sql).toEqual([
      "ALTER TABLE app.orders ENABLE REPLICA TRIGGER orders_touch",
    ]);
    expect((await roundTrip(state("ENABLE REPLICA"), state("ENABLE ALWAYS"))).sql).toEqual([
      "ALTER TABLE app.orders ENABLE ALWAYS TRIGGER orders_touch",
    ]);
    expect((await roundTrip(state("ENABLE ALWAYS"), touch)).sql).toEqual(["ALTER TABLE app.orders ENABLE TRIGGER orders_touch"]);
  });

  it("drops and creates a changed constraint trigger (OR REPLACE does not apply to them)", async () => {
    const constraint = (timing: string) => `${base}CREATE CONSTRAINT TRIGGER orders_check AFTER INSERT ON app.orders
      ${timing} FOR EACH ROW EXECUTE FUNCTION app.log();`;
    const { sql } = await roundTrip(constraint("NOT DEFERRABLE"), constraint("DEFERRABLE INITIALLY DEFERRED"));
    expect(sql).toEqual([
      "DROP TRIGGER orders_check ON app.orders",
      "CREATE CONSTRAINT TRIGGER orders_check\n    AFTER INSERT ON app.orders\n    DEFERRABLE INITIALLY DEFERRED\n    FOR EACH ROW\n    EXECUTE FUNCTION app.log()",
    ]);
  });

  it("creates an INSTEAD OF trigger on a view, and re-creates it with the view", async () => {
    const view = (where: string) => `${base}CREATE VIEW app.open_orders AS SELECT id, status FROM app.orders ${where};
      CREATE FUNCTION app.open_insert() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
      CREATE TRIGGER open_insert INSTEAD OF INSERT ON app.open_orders FOR EACH ROW EXECUTE FUNCTION app.open_insert();`;
    const { sql } = await roundTrip(view("WHERE status = 'open'"), view("WHERE status = 'new'"));
    expect(sql).toEqual([
      "DROP VIEW app.open_orders",
      expect.stringMatching(/^CREATE VIEW app.open_orders AS/),
      "CREATE TRIGGER open_insert\n    INSTEAD OF INSERT ON app.open_orders\n    FOR EACH ROW\n    EXECUTE FUNCTION app.open_insert()",
    ]);
  });

  it("drops the trigger before its function and creates it after the function", async () => {
    const other = touch
      .replace("CREATE FUNCTION app.touch()", "CREATE FUNCTION app.stamp()")
      .replace("EXECUTE FUNCTION app.touch()", "EXECUTE FUNCTION app.stamp()");
    const { sql } = await roundTrip(touch, other);
    expect(sql.map((s) => s.split("\n")[0])).toEqual([
      "DROP TRIGGER orders_touch ON app.orders",
      "DROP FUNCTION app.touch()",
      "CREATE FUNCTION app.stamp()",
      "CREATE TRIGGER orders_touch",
    ]);
  });

  it("renames a trigger with a hint: one ALTER TRIGGER ... RENAME", async () => {
    const renamed = touch.replace("TRIGGER orders_touch", "TRIGGER orders_touch_status");
    const { sql } = await roundTrip(touch, renamed, {
      diff: { renames: [{ kind: "trigger", from: "app.orders.orders_touch", to: "orders_touch_status" }] },
    });
    expect(sql).toEqual(["ALTER TRIGGER orders_touch ON app.orders RENAME TO orders_touch_status"]);
  });
});

describe("triggers and column changes", () => {
  it("re-creates a trigger around a type change of a column its WHEN and UPDATE OF use", async () => {
    const after = touch.replace("status text", "status character varying(20)");
    const { sql } = await roundTrip(touch, after);
    expect(sql.map((s) => s.split("\n")[0])).toEqual([
      "DROP TRIGGER orders_touch ON app.orders",
      "ALTER TABLE app.orders ALTER COLUMN status TYPE character varying(20)",
      "CREATE TRIGGER orders_touch",
    ]);
  });
});

describe("trigger comparison", () => {
  it("reads events as a set: another order in the file changes nothing", async () => {
    const both = `${base}CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();`;
    const { sql } = await roundTrip(both, both, {
      editTarget: (to) => {
        const trigger = to.schemas.app?.tables?.orders?.triggers?.orders_touch;
        if (trigger) trigger.events = ["update", "insert"];
      },
    });
    expect(sql).toEqual([]);
  });
});
