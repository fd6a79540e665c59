// The order of statements as one dependency graph (order.ts): drops after
// what releases them, creates before what needs them, whatever the kinds;
// phases only break ties. No server: statements are built by hand, and the
// engine's output is checked on small models.
import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas, orderStatements, statement, type Planned } from "@pgvc/diff";

const sqlOf = (planned: Planned[]) => orderStatements(planned).map((s) => s.sql);

describe("orderStatements", () => {
  it("puts a statement that releases a dropped object before its drop, though the drop's phase comes first", () => {
    const dropSeq = statement("drop", "sequence app.s", "DROP SEQUENCE app.s", "drop");
    const dropDefault = statement("alter", "column app.t.id", "ALTER TABLE app.t ALTER COLUMN id DROP DEFAULT", "main");
    const addColumn = statement("alter", "column app.u.c", "ALTER TABLE app.u ADD COLUMN c integer", "main");
    const planned: Planned[] = [
      { statement: dropSeq, soft: [] },
      { statement: addColumn, soft: [] },
      { statement: dropDefault, soft: [], released: ["sequence app.s"] },
    ];
    // The unrelated alter keeps its place after the drops.
    expect(sqlOf(planned)).toEqual([
      "ALTER TABLE app.t ALTER COLUMN id DROP DEFAULT",
      "DROP SEQUENCE app.s",
      "ALTER TABLE app.u ADD COLUMN c integer",
    ]);
  });

  it("drops what depended on an object before the statements that change it", () => {
    const alter = statement("alter", "column app.t.c", "ALTER TABLE app.t ALTER COLUMN c TYPE bigint", "main");
    const dropView = statement("drop", "view app.v", "DROP VIEW app.v", "drop");
    const planned: Planned[] = [
      { statement: alter, soft: [], subjects: ["column app.t.c", "table app.t"] },
      { statement: dropView, soft: ["table app.t"] },
    ];
    expect(sqlOf(planned)).toEqual(["DROP VIEW app.v", "ALTER TABLE app.t ALTER COLUMN c TYPE bigint"]);
  });

  it("drops an object before a create that takes its name in the same namespace, of another kind", () => {
    const createView = statement("create", "view app.x", "CREATE VIEW app.x AS SELECT 1", "main");
    const dropTable = statement("drop", "table app.x", "DROP TABLE app.x", "drop");
    const release = statement("alter", "table app.y", "ALTER TABLE app.y ALTER COLUMN c DROP DEFAULT", "main");
    const dropFunction = statement("drop", "function app.f()", "DROP FUNCTION app.f()", "drop");
    // The table's drop waits for the default (via the function); the view still waits for the table's drop.
    const planned: Planned[] = [
      { statement: createView, soft: [] },
      { statement: dropTable, soft: ["function app.f()"] },
      { statement: dropFunction, soft: [] },
      { statement: release, soft: [], released: ["function app.f()"] },
    ];
    const out = sqlOf(planned);
    expect(out.indexOf("DROP TABLE app.x")).toBeLessThan(out.indexOf("CREATE VIEW app.x AS SELECT 1"));
    expect(out.indexOf("ALTER TABLE app.y ALTER COLUMN c DROP DEFAULT")).toBeLessThan(out.indexOf("DROP FUNCTION app.f()"));
  });

  it("keeps the statements of one object in their order when one of them must move earlier", () => {
    const rename = statement("alter", "type app.t", "ALTER TYPE app.t RENAME TO t_old", "main");
    const use = statement("alter", "type app.t", "ALTER TABLE app.u ALTER COLUMN c TYPE text", "main");
    const drop = statement("drop", "collation app.c", "DROP COLLATION app.c", "drop");
    const planned: Planned[] = [
      { statement: drop, soft: [] },
      { statement: rename, soft: [], group: 1 },
      { statement: use, soft: [], group: 1, released: ["collation app.c"] },
    ];
    expect(sqlOf(planned)).toEqual([
      "ALTER TYPE app.t RENAME TO t_old",
      "ALTER TABLE app.u ALTER COLUMN c TYPE text",
      "DROP COLLATION app.c",
    ]);
  });

  it("orders 140,000 statements in a chain without running out of stack", () => {
    const planned: Planned[] = [];
    for (let i = 0; i < 140_000; i++) {
      planned.push({
        statement: statement("create", `table app.t${i}`, `CREATE TABLE app.t${i} ()`, "main", {
          requires: i > 0 ? [`table app.t${i - 1}`] : [],
        }),
        soft: [],
      });
    }
    planned.reverse();
    const out = orderStatements(planned);
    expect(out).toHaveLength(140_000);
    expect(out[0]?.object).toBe("table app.t0");
    expect(out[139_999]?.object).toBe("table app.t139999");
  });
});

const emptyApp = (): Database => ({ schemas: { app: {} } });

describe("diffSchemas orders across kinds", () => {
  it("drops a table with a trigger before the trigger's function, and keys between dropped tables first", () => {
    const from = {
      schemas: {
        app: {
          functions: { "touch()": { language: "plpgsql", returns: "trigger", source: "BEGIN RETURN NEW; END" } },
          tables: {
            a: {
              columns: [
                { name: "id", type: "integer" },
                { name: "b_id", type: "integer" },
              ],
              primary_key: { a_pkey: { columns: ["id"] } },
              foreign_keys: { a_b_fk: { columns: ["b_id"], references: { schema: "app", table: "b", columns: ["id"] } } },
              triggers: { a_touch: { timing: "before", events: ["update"], level: "row", procedure: "app.touch()" } },
            },
            b: {
              columns: [
                { name: "id", type: "integer" },
                { name: "a_id", type: "integer" },
              ],
              primary_key: { b_pkey: { columns: ["id"] } },
              foreign_keys: { b_a_fk: { columns: ["a_id"], references: { schema: "app", table: "a", columns: ["id"] } } },
            },
          },
        },
      },
    } as unknown as Database;
    const sql = diffSchemas(from, emptyApp()).map((s) => s.sql);
    const at = (text: string) => sql.findIndex((s) => s.startsWith(text));
    expect(at("DROP TABLE app.a"), sql.join("\n")).toBeGreaterThanOrEqual(0);
    expect(at("DROP TABLE app.a")).toBeLessThan(at("DROP FUNCTION app.touch()"));
    // One of the two keys goes on its own before both tables.
    const key = sql.findIndex((s) => s.includes("DROP CONSTRAINT"));
    expect(key).toBeGreaterThanOrEqual(0);
    expect(key, sql.join("\n")).toBeLessThan(Math.min(at("DROP TABLE app.a"), at("DROP TABLE app.b")));
  });

  it("creates a function before a domain whose check calls it", () => {
    const to = {
      schemas: {
        app: {
          domains: {
            d1: { type: "integer" },
            d2: { type: "app.d1[]", check_constraints: { d2_check: { expression: "app.f(VALUE)" } } },
          },
          functions: { "f(app.d1[])": { language: "sql", returns: "boolean", source: "SELECT true" } },
        },
      },
    } as unknown as Database;
    const sql = diffSchemas(emptyApp(), to).map((s) => s.sql);
    const f = sql.findIndex((s) => s.startsWith("CREATE FUNCTION app.f(app.d1[])"));
    const check = sql.findIndex((s) => s.includes("app.f(VALUE)"));
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(check);
  });
});
