import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSchemaYaml, writeSchemaYaml } from "@pgvc/yaml";

const doc = readFileSync(new URL("../../../docs/yaml-format.md", import.meta.url), "utf8");
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe("the examples in docs/yaml-format.md", () => {
  it("the first document reads as described and is canonical", () => {
    const text = blocks[0] as string;
    expect(readSchemaYaml(text, "doc.yaml")).toEqual({
      extensions: { hstore: { schema: "public", version: "1.8" } },
      schemas: {
        app: {
          owner: "alice",
          tables: {
            orders: {
              columns: [
                { name: "order_id", not_null: true, type: "integer" },
                { name: "note", type: "text" },
              ],
              primary_key: { orders_pkey: { columns: ["order_id"] } },
            },
          },
          functions: { "add(integer, integer)": { language: "sql", returns: "integer", source: "SELECT $1 + $2" } },
        },
      },
    });
    expect(writeSchemaYaml(readSchemaYaml(text, "doc.yaml"))).toBe(text);
  });

  it("the foreign data wrapper example reads as described and is canonical", () => {
    const text = blocks[1] as string;
    expect(readSchemaYaml(text, "doc.yaml")).toEqual({
      schemas: {},
      foreignDataWrappers: {
        postgres_fdw: {
          servers: { archive: { options: ["dbname=archive"], user_mappings: { PUBLIC: {}, alice: { options: ["user=alice"] } } } },
        },
      },
    });
    expect(writeSchemaYaml(readSchemaYaml(text, "doc.yaml"))).toBe(text);
  });

  it("the default privileges example reads and is canonical", () => {
    const text = blocks.find((b) => b.startsWith("default privileges")) as string;
    const db = readSchemaYaml(text, "doc.yaml");
    expect(db.defaultPrivileges).toEqual({ app_owner: { functions: [{ app_owner: ["all"] }] } });
    expect(db.schemas.app?.default_privileges).toEqual({ app_owner: { tables: [{ app_reader: ["select"] }] } });
    expect(writeSchemaYaml(db)).toBe(text);
  });

  it("the index example matches what the multiple-files writer lays out", () => {
    const index = (blocks.find((b) => b.includes("schema.app/function.add.yaml")) as string).replace(/^ {2}/gm, "");
    expect(index).toContain("schema app:\n  function add(integer, integer): schema.app/function.add.yaml\n  schema: schema.app.yaml\n");
  });
});
