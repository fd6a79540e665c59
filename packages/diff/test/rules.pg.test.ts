// Rewrite rules, migrated on a real server and read back.
import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

const base = `CREATE SCHEMA app;
CREATE TABLE app.orders (id integer PRIMARY KEY, status text);
CREATE TABLE app.orders_log (id integer, status text);
`;

const logRule = `${base}CREATE RULE log_insert AS ON INSERT TO app.orders DO ALSO
  INSERT INTO app.orders_log VALUES (NEW.id, NEW.status);`;

describe("rules", () => {
  it("creates a rule", async () => {
    expect((await roundTrip(base, logRule)).sql).toEqual([
      "CREATE RULE log_insert AS ON INSERT TO app.orders\n    DO INSERT INTO app.orders_log (id, status)\n  VALUES (new.id, new.status)",
    ]);
  });

  it("drops a rule", async () => {
    expect((await roundTrip(logRule, base)).sql).toEqual(["DROP RULE log_insert ON app.orders"]);
  });

  it("replaces a changed rule (condition, INSTEAD) with CREATE OR REPLACE RULE", async () => {
    const after = `${base}CREATE RULE log_insert AS ON INSERT TO app.orders WHERE NEW.status = 'void' DO INSTEAD NOTHING;`;
    expect((await roundTrip(logRule, after)).sql).toEqual([
      "CREATE OR REPLACE RULE log_insert AS ON INSERT TO app.orders WHERE (new.status = 'void'::text)\n    DO INSTEAD NOTHING",
    ]);
  });

  it("creates a rule with several actions on a view, after the view", async () => {
    const after = `${base}CREATE VIEW app.open_orders AS SELECT id, status FROM app.orders;
      CREATE RULE del AS ON DELETE TO app.open_orders DO INSTEAD (
        DELETE FROM app.orders WHERE id = OLD.id; DELETE FROM app.orders_log WHERE id = OLD.id);
      COMMENT ON RULE del ON app.open_orders IS 'deletes through';`;
    const { sql } = await roundTrip(base, after);
    expect(sql[0]).toMatch(/^CREATE VIEW app.open_orders/);
    expect(sql[1]).toMatch(/^CREATE RULE del AS ON DELETE TO app.open_orders\n {4}DO INSTEAD \(/);
    expect(sql[2]).toBe("COMMENT ON RULE del ON app.open_orders IS 'deletes through'");
  });
});

describe("rules and column changes", () => {
  it("re-creates a rule around a type change of a column of its table it uses", async () => {
    const before = `${base}CREATE RULE keep_void AS ON UPDATE TO app.orders WHERE OLD.status = 'void' DO INSTEAD NOTHING;`;
    const after = before.replace(
      "CREATE TABLE app.orders (id integer PRIMARY KEY, status text)",
      "CREATE TABLE app.orders (id integer PRIMARY KEY, status character varying(20))",
    );
    const { sql } = await roundTrip(before, after);
    expect(sql.map((s) => s.split("\n")[0])).toEqual([
      "DROP RULE keep_void ON app.orders",
      "ALTER TABLE app.orders ALTER COLUMN status TYPE character varying(20)",
      "CREATE RULE keep_void AS ON UPDATE TO app.orders WHERE ((old.status)::text = 'void'::text)",
    ]);
  });
});

describe("rule renames", () => {
  it("renames a rule with ALTER RULE ... RENAME TO (oldname)", async () => {
    const after = logRule.replace("RULE log_insert", "RULE log_new");
    const { sql } = await roundTrip(logRule, after, {
      editTarget: (to) => {
        const rule = to.schemas.app?.tables?.orders?.rules?.log_new;
        if (rule) (rule as { oldname?: string }).oldname = "log_insert";
      },
    });
    expect(sql).toEqual(["ALTER RULE log_insert ON app.orders RENAME TO log_new"]);
  });
});
