import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas, Expressions, loadSqlParser, sameSchema } from "@pgvc/diff";

// yamltodb diffs once before the recorded dependencies are read and the SQL
// parser is loaded, and trusts an empty answer only if the diff needed
// neither. These are the two signals it relies on.

function model(dependencies?: Record<string, string[]>): Database {
  return {
    schemas: {
      app: {
        tables: { a: { columns: [{ name: "id", type: "integer" }] }, b: { columns: [{ name: "id", type: "integer" }] } },
        // A body that names no table: only the recorded dependency says the view needs app.a.
        views: { v: { definition: " SELECT 1 AS one;" } },
      },
    },
    ...(dependencies ? { dependencies } : {}),
  };
}

function counting(from: Database, to: Database): { sql: string[]; read: number } {
  let read = 0;
  const sql = diffSchemas(from, to, { onDependenciesRead: () => read++ }).map((s) => s.sql);
  return { sql, read };
}

describe("onDependenciesRead", () => {
  it("is not called when nothing differs, or when objects are only added or altered", () => {
    expect(counting(model(), model()).read).toBe(0);
    const more = model();
    more.schemas.app!.tables!.b!.columns!.push({ name: "note", type: "text" });
    more.schemas.app!.tables!.a!.description = "the a table";
    const { sql, read } = counting(model(), more);
    expect(sql).toEqual(["COMMENT ON TABLE app.a IS 'the a table'", "ALTER TABLE app.b ADD COLUMN note text"]);
    expect(read).toBe(0);
  });

  it("is called when something is dropped, whose answer the recorded dependencies change", () => {
    const without = model();
    delete without.schemas.app!.tables!.a;
    const recorded = { "view app.v": ["table app.a"] };
    const blind = counting(model(), without);
    expect(blind.read).toBeGreaterThan(0);
    expect(blind.sql).toEqual(["DROP TABLE app.a"]);
    // With the view's recorded need of app.a, the view is dropped first and made again after.
    const informed = counting(model(recorded), without);
    expect(informed.sql).toEqual(["DROP VIEW app.v", "DROP TABLE app.a", "CREATE VIEW app.v AS\nSELECT 1 AS one"]);
  });
});

describe("Expressions.unparsed", () => {
  it("counts differing texts compared without a parser, and none with one", async () => {
    const textual = new Expressions();
    expect(textual.same("price * 2", "price * 2")).toBe(true);
    expect(textual.unparsed).toBe(0);
    expect(textual.same("(price * 2)", "price*2")).toBe(true);
    expect(textual.same("price * 2", "2 * price")).toBe(false);
    expect(textual.unparsed).toBe(2);
    const parsed = new Expressions(await loadSqlParser());
    expect(parsed.same("(price * 2)", "price*2")).toBe(true);
    expect(parsed.same("price * 2", "price * 3")).toBe(false);
    expect(parsed.same("lower(name)", "pg_catalog.lower(name)")).toBe(true);
    expect(textual.same("lower(name)", "pg_catalog.lower(name)")).toBe(false);
    expect(parsed.unparsed).toBe(0);
  });
});

describe("sameSchema", () => {
  it("holds for models equal but for the server version and recorded dependencies, between which the diff finds nothing", () => {
    const a = model({ "view app.v": ["table app.a"] });
    a.serverVersionNum = 150004;
    const b = model();
    expect(sameSchema(a, b)).toBe(true);
    expect(diffSchemas(a, b)).toEqual([]);
  });

  it("fails on any attribute of any object", () => {
    const b = model();
    b.schemas.app!.tables!.b!.columns![0]!.not_null = true;
    expect(sameSchema(model(), b)).toBe(false);
    const c = model();
    c.extensions = { hstore: { schema: "app" } };
    expect(sameSchema(model(), c)).toBe(false);
    expect(sameSchema(c, model())).toBe(false);
  });
});
