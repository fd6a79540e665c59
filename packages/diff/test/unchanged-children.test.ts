import { describe, expect, it } from "vitest";
import type { Database, Table } from "@pgvc/model";
import { diffSchemas } from "@pgvc/diff";

// The engine lists the columns of a table whose columns are the same on
// both sides only when something asks for them. These cases ask for them
// in each way the engine knows of; each fails if that column is missed.

function db(tables: Record<string, Table>, types: NonNullable<Database["schemas"][string]["types"]> = {}): Database {
  return { schemas: { app: { tables, types } } };
}

describe("columns of tables whose columns did not change", () => {
  it("are re-created with their comments when the table is re-created (new partitioning)", () => {
    const columns = () => [
      { name: "id", type: "integer", description: "event number" },
      { name: "at", type: "date" },
    ];
    const before = db({ events: { columns: columns() } });
    const after = db({ events: { columns: columns(), partition_by: { range: ["at"] } } });
    const sql = diffSchemas(before, after).map((s) => s.sql);
    expect(sql[0]).toBe("DROP TABLE app.events");
    expect(sql[1]).toMatch(/^CREATE TABLE app\.events \([\s\S]*\) PARTITION BY RANGE \(at\)$/);
    expect(sql.slice(2)).toEqual(["COMMENT ON COLUMN app.events.id IS 'event number'"]);
  });

  it("are converted when the enum type they use is rebuilt (a value removed)", () => {
    const table = (): Table => ({
      columns: [
        { name: "id", type: "integer" },
        { name: "m", type: "app.mood" },
      ],
    });
    const before = db({ t: table() }, { mood: { labels: ["sad", "ok", "happy"] } });
    const after = db({ t: table() }, { mood: { labels: ["sad", "happy"] } });
    const sql = diffSchemas(before, after).map((s) => s.sql);
    expect(sql).toContain("ALTER TABLE app.t ALTER COLUMN m TYPE app.mood USING m::text::app.mood");
    expect(sql.indexOf("ALTER TABLE app.t ALTER COLUMN m TYPE app.mood USING m::text::app.mood")).toBeLessThan(
      sql.indexOf("DROP TYPE app.mood_old"),
    );
  });

  it("count when deciding whether the target names privileges at all", () => {
    // The only privileges the target names are on a column of an unchanged table: privileges are
    // then compared everywhere, and the table that lost its grant has it revoked.
    const tables = (grant: boolean): Record<string, Table> => ({
      a: { columns: [{ name: "x", type: "integer", privileges: [{ alice: ["select"] }] }] },
      b: { columns: [{ name: "y", type: "integer" }], ...(grant ? { privileges: [{ bob: ["select"] }] } : {}) },
    });
    expect(diffSchemas(db(tables(true)), db(tables(false))).map((s) => s.sql)).toEqual(["REVOKE SELECT ON TABLE app.b FROM bob"]);
  });

  it("can be renamed by a hint", () => {
    const before = db({ t: { columns: [{ name: "a", type: "integer" }] } });
    const after = db({ t: { columns: [{ name: "b", type: "integer" }] } });
    expect(diffSchemas(before, after, { renames: [{ kind: "column", from: "app.t.a", to: "b" }] }).map((s) => s.sql)).toEqual([
      "ALTER TABLE app.t RENAME COLUMN a TO b",
    ]);
  });

  it("move with their table when a table renamed by `oldname` keeps its columns", () => {
    const columns = () => [{ name: "a", type: "integer" }];
    const before = db({ t: { columns: columns(), description: "old" } });
    const after = db({ u: { columns: columns(), oldname: "t", description: "old" } });
    expect(diffSchemas(before, after).map((s) => s.sql)).toEqual(["ALTER TABLE app.t RENAME TO u"]);
  });

  it("stay as they are when a column another table's foreign key references changes type", () => {
    // PostgreSQL carries the foreign key through ALTER COLUMN TYPE; nothing of `orders` is touched.
    const customer = (type: string): Table => ({
      columns: [{ name: "id", type, not_null: true }],
      primary_key: { customer_pkey: { columns: ["id"] } },
    });
    const orders: Table = {
      columns: [{ name: "customer_id", type: "integer" }],
      foreign_keys: { orders_fk: { columns: ["customer_id"], references: { schema: "app", table: "customer", columns: ["id"] } } },
    };
    const sql = diffSchemas(
      db({ customer: customer("integer"), orders }),
      db({ customer: customer("bigint"), orders: structuredClone(orders) }),
    ).map((s) => s.sql);
    expect(sql).toContain("ALTER TABLE app.customer ALTER COLUMN id TYPE bigint");
    expect(sql.some((s) => s.includes("ALTER TABLE app.orders ALTER COLUMN"))).toBe(false);
  });
});
