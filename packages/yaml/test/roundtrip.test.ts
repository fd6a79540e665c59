import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDatabase, type Database } from "@pgvc/model";
import { readSchemaYaml, writeSchemaYaml } from "@pgvc/yaml";
import { database } from "./arbitrary.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("round trip", () => {
  it("write → read gives back the model (in its normalized form), for any model the spec allows", () => {
    fc.assert(
      fc.property(database, (db) => {
        const text = writeSchemaYaml(db);
        expect(readSchemaYaml(text, "p.yaml")).toEqual(normalizeDatabase(db));
      }),
      { numRuns: 200 },
    );
  });

  it("canonical text → read → write is byte-identical", () => {
    fc.assert(
      fc.property(database, (db) => {
        const text = writeSchemaYaml(db);
        expect(writeSchemaYaml(readSchemaYaml(text, "p.yaml"))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("normalization is idempotent and removes defaults and empty collections", () => {
    const db: Database = {
      schemas: {
        s: { tables: { t: { columns: [{ name: "a", type: "integer", not_null: false }], indexes: {}, unlogged: false } }, views: {} },
      },
      extensions: {},
    };
    expect(normalizeDatabase(db)).toEqual({ schemas: { s: { tables: { t: { columns: [{ name: "a", type: "integer" }] } } } } });
    fc.assert(
      fc.property(database, (d) => {
        expect(normalizeDatabase(normalizeDatabase(d))).toEqual(normalizeDatabase(d));
      }),
      { numRuns: 100 },
    );
  });
});

describe("Pyrseas output is already canonical", () => {
  it("index keys with expressions, quotes, commas and options", () => {
    const text = lines(
      "schema public:",
      "  table t1:",
      "    columns:",
      "    - c1:",
      "        type: cidr",
      "    - c2:",
      "        type: text",
      "    indexes:",
      "      t1_idx1:",
      "        keys:",
      "        - '\"substring\"(c2, \"position\"(c2, ''_begin''::text))':",
      "            type: expression",
      "        - (((c2 || ', '::text) || c3)):",
      "            type: expression",
      "        - btrim(c3, 'x'::text):",
      "            nulls: first",
      "            type: expression",
      "        - c2",
      "        - lower(c2):",
      "            order: desc",
      "            type: expression",
      "      t1_idx2:",
      "        keys:",
      "        - c1:",
      "            nulls: first",
      "            opclass: cidr_ops",
      "        unique: true",
    );
    const db = readSchemaYaml(text, "pyrseas.yaml");
    expect(db.schemas.public?.tables?.t1?.indexes?.t1_idx1?.keys).toEqual([
      { '"substring"(c2, "position"(c2, \'_begin\'::text))': { type: "expression" } },
      { "(((c2 || ', '::text) || c3))": { type: "expression" } },
      { "btrim(c3, 'x'::text)": { nulls: "first", type: "expression" } },
      "c2",
      { "lower(c2)": { order: "desc", type: "expression" } },
    ]);
    expect(writeSchemaYaml(db)).toBe(text);
  });

  it("functions, sequences, views and privileges as Pyrseas writes them", () => {
    const text = lines(
      "schema public:",
      "  description: standard public schema",
      "  function f1():",
      "    language: sql",
      "    owner: postgres",
      "    privileges:",
      "    - postgres:",
      "      - execute",
      "    - user1:",
      "      - execute",
      "    returns: text",
      "    source: SELECT 'dummy'::text",
      "    volatility: immutable",
      "  sequence seq1:",
      "    cache_value: 1",
      "    increment_by: 1",
      "    max_value: null",
      "    min_value: null",
      "    start_value: 1",
      "  view v1:",
      "    definition: ' SELECT now()::date AS today;'",
      "    privileges:",
      "    - PUBLIC:",
      "      - select",
      "    - postgres:",
      "      - all",
      "    - user1:",
      "      - references",
    );
    expect(writeSchemaYaml(readSchemaYaml(text, "pyrseas.yaml"))).toBe(text);
  });
});

describe("canonicalization of a hand-edited file", () => {
  it("rewrites a messy file into canonical form with the same meaning", () => {
    const messy = lines(
      "# the shop schema, edited by hand",
      "schema app:",
      "  table orders:",
      "    owner: alice      # comments go away",
      "    columns:",
      "      - id: integer",
      "      - status: {type: text, not_null: yes, default: \"'new'::text\"}",
      "    indexes:",
      "      orders_status_idx:",
      "        columns: [status]",
      "        unique: false",
      "    privileges:",
      "      - bob: [select]",
      "      - PUBLIC: [select]",
      "      - alice: [all]",
      "  function add(integer, integer):",
      '    source: "SELECT $1 + $2\\n"',
      "    returns: integer",
      "    language: sql",
      "    volatility: volatile",
      "  view v: {definition: ' SELECT 1;'}",
      "extension hstore: {version: 1.8, schema: public}",
    );
    const canonical = lines(
      "extension hstore:",
      "  schema: public",
      "  version: '1.8'",
      "schema app:",
      "  function add(integer, integer):",
      "    language: sql",
      "    returns: integer",
      "    source: |",
      "      SELECT $1 + $2",
      "  table orders:",
      "    columns:",
      "    - id:",
      "        type: integer",
      "    - status:",
      "        default: '''new''::text'",
      "        not_null: true",
      "        type: text",
      "    indexes:",
      "      orders_status_idx:",
      "        keys:",
      "        - status",
      "    owner: alice",
      "    privileges:",
      "    - PUBLIC:",
      "      - select",
      "    - alice:",
      "      - all",
      "    - bob:",
      "      - select",
      "  view v:",
      "    definition: ' SELECT 1;'",
    );
    const before = readSchemaYaml(messy, "messy.yaml");
    const out = writeSchemaYaml(before);
    expect(out).toBe(canonical);
    expect(readSchemaYaml(out, "canonical.yaml")).toEqual(normalizeDatabase(before));
  });
});
