import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import {
  diffSchemas as diffWith,
  DependencyCycleError,
  parsedExpressions,
  parseRenameHint,
  statement,
  type DiffOptions,
  type Expressions,
} from "@pgvc/diff";
import { orderStatementsForTest } from "./order-helper.js";

let expressions: Expressions;
beforeAll(async () => {
  expressions = await parsedExpressions();
});

/** Every diff here compares SQL text by parse tree, as the commands do. */
function diffSchemas(from: Database, to: Database, options: DiffOptions = {}) {
  return diffWith(from, to, { ...options, expressions });
}

function withView(definition: string, type = "integer"): Database {
  return {
    schemas: {
      app: {
        tables: {
          item: {
            columns: [
              { name: "id", type: "integer" },
              { name: "qty", type },
            ],
          },
        },
        views: {
          stock: { definition, description: "in stock" },
          total: { definition: "SELECT sum(stock.qty) AS total FROM app.stock" },
        },
      },
    },
  };
}

describe("semantic comparison", () => {
  it("ignores whitespace, parentheses, casts the server adds and pg_catalog on functions", () => {
    expect(expressions.same("(total >= 0)", "((total >= (0)::numeric))")).toBe(true);
    expect(expressions.same("lower(name)", "pg_catalog.lower(name)")).toBe(true);
    expect(expressions.same("SELECT id,\n  qty FROM app.item WHERE qty > 0", " SELECT id, qty\n   FROM app.item\n  WHERE (qty > 0);")).toBe(
      true,
    );
    expect(
      expressions.same(
        "(tier)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])",
        "(tier)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])",
      ),
    ).toBe(true);
  });

  it("still sees a real change", () => {
    expect(expressions.same("qty > 0", "qty >= 0")).toBe(false);
    expect(expressions.same("SELECT id FROM app.item", "SELECT id FROM app.other")).toBe(false);
    expect(expressions.same("'a'::text", "'b'::text")).toBe(false);
  });

  it("gives no statements for a view written by hand against its server form", () => {
    const written = withView("SELECT id, qty FROM app.item WHERE qty > 0");
    const stored = withView(" SELECT item.id,\n    item.qty\n   FROM app.item\n  WHERE (item.qty > 0);");
    expect(diffSchemas(stored, written).filter((s) => s.kind !== "comment")).toEqual([]);
  });
});

describe("dependents around a column type change", () => {
  it("drops the views top down, alters, re-creates them bottom up with their comment", () => {
    const before = withView("SELECT id, qty FROM app.item WHERE qty > 0");
    const after = withView("SELECT id, qty FROM app.item WHERE qty > 0", "bigint");
    before.dependencies = { "view app.stock": ["table app.item"], "view app.total": ["view app.stock"] };
    expect(diffSchemas(before, after).map((s) => s.sql)).toEqual([
      "DROP VIEW app.total",
      "DROP VIEW app.stock",
      "ALTER TABLE app.item ALTER COLUMN qty TYPE bigint",
      "CREATE VIEW app.stock AS\nSELECT id, qty FROM app.item WHERE qty > 0",
      "COMMENT ON VIEW app.stock IS 'in stock'",
      "CREATE VIEW app.total AS\nSELECT sum(stock.qty) AS total FROM app.stock",
    ]);
  });
});

describe("renames", () => {
  const base = (table: string, column: string): Database => ({
    schemas: {
      app: {
        tables: {
          [table]: {
            columns: [
              { name: "id", type: "integer" },
              { name: column, type: "text" },
            ],
            primary_key: { [`${table}_pkey`]: { columns: ["id"] } },
            indexes: { [`${table}_idx`]: { keys: [column] } },
          },
        },
      },
    },
  });

  it("renames a table with a hint and keeps its children", () => {
    const renames = [parseRenameHint("table:app.client=app.customer")];
    const after = base("customer", "name");
    after.schemas.app!.tables!.customer!.primary_key = { client_pkey: { columns: ["id"] } };
    after.schemas.app!.tables!.customer!.indexes = { client_idx: { keys: ["name"] } };
    expect(diffSchemas(base("client", "name"), after, { renames }).map((s) => s.sql)).toEqual([
      "ALTER TABLE app.client RENAME TO customer",
    ]);
  });

  it("renames a column from oldname and its index follows", () => {
    const after = base("t", "label");
    after.schemas.app!.tables!.t!.columns![1]!.oldname = "name";
    expect(diffSchemas(base("t", "name"), after).map((s) => s.sql)).toEqual(["ALTER TABLE app.t RENAME COLUMN name TO label"]);
  });

  it("without a hint adds and drops, flagged as data loss", () => {
    const statements = diffSchemas(base("t", "name"), base("t", "label"));
    expect(statements.find((s) => s.sql === "ALTER TABLE app.t DROP COLUMN name")?.hazards).toEqual(["data-loss"]);
    expect(statements.map((s) => s.sql)).toContain("ALTER TABLE app.t ADD COLUMN label text");
  });
});

describe("enums", () => {
  const mood = (labels: string[]): Database => ({ schemas: { app: { types: { mood: { labels } } } } });

  it("adds labels in place, each before the next known one", () => {
    expect(diffSchemas(mood(["happy", "sad"]), mood(["calm", "happy", "ok", "sad", "angry"])).map((s) => s.sql)).toEqual([
      "ALTER TYPE app.mood ADD VALUE 'calm' BEFORE 'happy'",
      "ALTER TYPE app.mood ADD VALUE 'ok' BEFORE 'sad'",
      "ALTER TYPE app.mood ADD VALUE 'angry'",
    ]);
  });
});

describe("ordering", () => {
  it("reports a cycle of explicit needs with the objects in it", () => {
    const a = statement("create", "view app.a", "CREATE VIEW app.a", "main", { requires: ["view app.b"] });
    const b = statement("create", "view app.b", "CREATE VIEW app.b", "main", { requires: ["view app.a"] });
    expect(() => orderStatementsForTest([a, b])).toThrow(DependencyCycleError);
    expect(() => orderStatementsForTest([a, b])).toThrow(/view app\.a, view app\.b/);
  });

  it("breaks a cycle closed only by inferred dependencies, in a fixed order", () => {
    const a = statement("create", "view app.a", "A", "main");
    const b = statement("create", "view app.b", "B", "main");
    expect(orderStatementsForTest([a, b], [["view app.b"], ["view app.a"]]).map((s) => s.sql)).toEqual(["A", "B"]);
  });
});
