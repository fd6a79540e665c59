import { describe, expect, it } from "vitest";
import { compareCodePoints, conforms, deepEqual, normalizeDatabase, privilegesSpec, tableSpec, type Database } from "@pgvc/model";

describe("normalizeDatabase (from @pgvc/model)", () => {
  it("makes an introspected-looking model and a YAML-looking model of one schema deep-equal", () => {
    const introspected: Database = {
      schemas: {
        app: {
          owner: "alice",
          privileges: [{ bob: ["usage"] }, { alice: ["all"] }],
          tables: {
            t: {
              columns: [{ name: "id", type: "integer", not_null: true, inherited: false, description: undefined }],
              indexes: {},
              foreign_keys: {},
              unlogged: false,
              row_level_security: false,
              triggers: {
                tr: { timing: "after", events: ["insert"], procedure: "app.f()", level: "statement", enabled: "origin", constraint: false },
              },
            },
          },
          views: {},
        },
      },
      extensions: {},
      foreignDataWrappers: { w: { servers: {} } },
    };
    const fromYaml: Database = {
      schemas: {
        app: {
          privileges: [{ alice: ["all"] }, { bob: ["usage"] }],
          owner: "alice",
          tables: {
            t: {
              triggers: { tr: { events: ["insert"], procedure: "app.f()", timing: "after" } },
              columns: [{ name: "id", not_null: true, type: "integer" }],
            },
          },
        },
      },
      foreignDataWrappers: { w: {} },
    };
    expect(normalizeDatabase(introspected)).toEqual(normalizeDatabase(fromYaml));
    expect(deepEqual(normalizeDatabase(introspected), normalizeDatabase(fromYaml))).toBe(true);
  });

  it("keeps empty lists that are required, objects with no attributes, and dependencies", () => {
    const db: Database = {
      schemas: { s: { tables: { t: {} }, types: { e: { labels: [] } } } },
      dependencies: { "table s.t": ["schema s"] },
    };
    expect(normalizeDatabase(db)).toEqual({
      schemas: { s: { tables: { t: {} }, types: { e: {} } } },
      dependencies: { "table s.t": ["schema s"] },
    });
    const withRequiredList: Database = { schemas: { s: { tables: { t: { primary_key: { pk: { columns: [] } } } } } } };
    expect(normalizeDatabase(withRequiredList)).toEqual(withRequiredList);
  });

  it("does not change its input", () => {
    const db: Database = { schemas: { s: { tables: { t: { unlogged: false } } } } };
    normalizeDatabase(db);
    expect(db).toEqual({ schemas: { s: { tables: { t: { unlogged: false } } } } });
  });

  it("deepEqual ignores undefined attributes and key order, not list order", () => {
    expect(deepEqual({ a: 1, b: undefined, c: [1, 2] }, { c: [1, 2], a: 1 })).toBe(true);
    expect(deepEqual({ c: [1, 2] }, { c: [2, 1] })).toBe(false);
  });

  it("conforms tells which form of a union a value takes", () => {
    expect(conforms(privilegesSpec, [{ a: ["select", { insert: { grantable: true } }] }, { b: { grantor: "a", privs: ["usage"] } }])).toBe(
      true,
    );
    expect(conforms(privilegesSpec, [{ a: [1] }])).toBe(false);
    expect(conforms(tableSpec, { columns: [{ name: "a" }] })).toBe(false);
  });

  it("compares by code point, as Python sorts", () => {
    const words = ["b", "B", "a", "é", "Z", "\u{1F418}", "\uFF21"];
    expect([...words].sort(compareCodePoints)).toEqual(["B", "Z", "a", "b", "é", "\uFF21", "\u{1F418}"]);
  });
});
