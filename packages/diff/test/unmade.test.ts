import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { unmadeObjects } from "../src/commands/trial.js";

// The trial run's result must hold every object the target names whose name
// PostgreSQL keeps as written: one it lacks was taken for something else or
// dropped with another object, and printing the SQL would print a change
// known not to reach the target.
const table = (extra: Record<string, unknown> = {}) => ({ columns: [{ name: "id", type: "integer" }], ...extra });
const model = (tables: Record<string, unknown>, schema = "app"): Database => ({ schemas: { [schema]: { tables } } }) as Database;

describe("objects the change does not make", () => {
  it("finds none when the result has everything the target names, and more", () => {
    const target = model({ t: table({ indexes: { t_id: { keys: ["id"] } } }) });
    const result = model({ t: table({ indexes: { t_id: { keys: ["id"] }, t_other: { keys: ["id"] } } }), u: table() });
    expect(unmadeObjects(target, result)).toBeUndefined();
  });

  it("names an index and a key the result lacks, and fails as a change that cannot be printed", () => {
    const target = model({
      part: table({ indexes: { part_own: { keys: ["id"] } }, unique_constraints: { part_key: { columns: ["id"] } } }),
    });
    const failure = unmadeObjects(target, model({ part: table() }));
    expect(failure?.message).toBe(
      "it does not make constraint app.part.part_key, index app.part_own: the database lacks them after the change",
    );
    expect(failure?.statement).toBeUndefined();
    expect(failure?.error.message).toBe(failure?.message);
  });

  it("leaves out kinds whose names the server rewrites (a routine's argument types) and schemas not compared", () => {
    const target = {
      schemas: {
        app: { functions: { "f(int)": { language: "sql", returns: "integer", source: "SELECT 1" } } },
        other: { tables: { gone: table() } },
      },
    } as unknown as Database;
    expect(unmadeObjects(target, { schemas: { app: {} } }, ["app"])).toBeUndefined();
    expect(unmadeObjects(target, { schemas: { app: {} } })?.message).toContain("table other.gone");
  });

  it("shows ten names and counts the rest", () => {
    const tables = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`t${String(i).padStart(2, "0")}`, {}]));
    const failure = unmadeObjects(model(tables), model({}));
    expect(failure?.message).toMatch(/table app\.t09, and 2 more: the database lacks them/);
  });
});
