// Every kind both tools know, in a file in the exact form Pyrseas 0.10's
// dbtoyaml -O writes it (fixtures/pyrseas/kinds.yaml, checked against real
// Pyrseas on the database kinds.sql builds): against that database pgvc
// prints nothing, and says in one warning what the dialect cannot describe
// (text search mappings, a language's handler) and what Pyrseas never writes
// (a table without columns, a cast between built-in types, procedures, a
// sequence's CYCLE). Each kind's entry is then
// taken out of the file in turn: pgvc must drop that object, so the entry
// is known to be compared, not skipped.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, resolveConnection } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { createTestDatabase, execute, type TestDatabase } from "@pgvc/testkit";
import { readSchemaYaml } from "@pgvc/yaml";
import { diffSchemas, keepUndescribed, toSql, yamltodb } from "@pgvc/diff";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/pyrseas/${name}`, import.meta.url));
const yaml = readFileSync(fixture("kinds.yaml"), "utf8");

interface Kind {
  kind: string;
  /** Where the entry sits in the model read from the file. */
  path: string[];
  /** The statement pgvc prints when the entry is left out. */
  drop: string;
}

const kinds: Kind[] = [
  { kind: "aggregate", path: ["schemas", "app", "aggregates", "total(integer)"], drop: "DROP AGGREGATE app.total(integer);" },
  {
    kind: "operator",
    path: ["schemas", "app", "operators", "===(app.pair, app.pair)"],
    drop: "DROP OPERATOR app.=== (app.pair, app.pair);",
  },
  {
    kind: "operator class",
    path: ["schemas", "app", "operatorClasses", "pair_ops using btree"],
    drop: "DROP OPERATOR CLASS app.pair_ops USING btree;",
  },
  {
    kind: "operator family",
    path: ["schemas", "app", "operatorFamilies", "pair_fam using btree"],
    drop: "DROP OPERATOR FAMILY IF EXISTS app.pair_fam USING btree;",
  },
  {
    kind: "text search configuration",
    path: ["schemas", "app", "textSearchConfigurations", "cfg"],
    drop: "DROP TEXT SEARCH CONFIGURATION app.cfg;",
  },
  {
    kind: "text search dictionary",
    path: ["schemas", "app", "textSearchDictionaries", "dict"],
    drop: "DROP TEXT SEARCH DICTIONARY app.dict;",
  },
  { kind: "text search parser", path: ["schemas", "app", "textSearchParsers", "prs"], drop: "DROP TEXT SEARCH PARSER app.prs;" },
  { kind: "text search template", path: ["schemas", "app", "textSearchTemplates", "tmpl"], drop: "DROP TEXT SEARCH TEMPLATE app.tmpl;" },
  { kind: "domain", path: ["schemas", "app", "domains", "posint"], drop: "DROP DOMAIN app.posint;" },
  {
    kind: "domain check",
    path: ["schemas", "app", "domains", "posint", "check_constraints", "posint_check"],
    drop: "ALTER DOMAIN app.posint DROP CONSTRAINT posint_check;",
  },
  { kind: "range type", path: ["schemas", "app", "types", "floatr"], drop: "DROP TYPE app.floatr;" },
  { kind: "enum", path: ["schemas", "app", "types", "mood"], drop: "DROP TYPE app.mood;" },
  { kind: "composite type", path: ["schemas", "app", "types", "pair"], drop: "DROP TYPE app.pair;" },
  { kind: "foreign data wrapper", path: ["foreignDataWrappers", "wrap"], drop: "DROP FOREIGN DATA WRAPPER wrap;" },
  { kind: "server", path: ["foreignDataWrappers", "wrap", "servers", "remote"], drop: "DROP SERVER remote;" },
  {
    kind: "user mapping",
    path: ["foreignDataWrappers", "wrap", "servers", "remote", "user_mappings", "PUBLIC"],
    drop: "DROP USER MAPPING FOR PUBLIC SERVER remote;",
  },
  { kind: "foreign table", path: ["schemas", "app", "foreignTables", "remote_item"], drop: "DROP FOREIGN TABLE app.remote_item;" },
  { kind: "cast", path: ["casts", "(app.mood as text)"], drop: "DROP CAST (app.mood AS text);" },
  { kind: "collation", path: ["schemas", "app", "collations", "fr"], drop: "DROP COLLATION app.fr;" },
  { kind: "conversion", path: ["schemas", "app", "conversions", "latin_utf"], drop: "DROP CONVERSION app.latin_utf;" },
  { kind: "event trigger", path: ["eventTriggers", "ddl_note"], drop: "DROP EVENT TRIGGER ddl_note;" },
  { kind: "extension", path: ["extensions", "pg_trgm"], drop: "DROP EXTENSION pg_trgm;" },
  { kind: "language", path: ["languages", "mylang"], drop: "DROP LANGUAGE mylang;" },
  { kind: "view", path: ["schemas", "app", "views", "moods"], drop: "DROP VIEW app.moods;" },
  {
    kind: "materialized view",
    path: ["schemas", "app", "materializedViews", "item_names"],
    drop: "DROP MATERIALIZED VIEW app.item_names;",
  },
  {
    kind: "unique constraint",
    path: ["schemas", "app", "tables", "animal", "unique_constraints", "animal_name_key"],
    drop: "ALTER TABLE app.animal DROP CONSTRAINT animal_name_key;",
  },
  {
    kind: "check constraint",
    path: ["schemas", "app", "tables", "animal", "check_constraints", "animal_id_check"],
    drop: "ALTER TABLE app.animal DROP CONSTRAINT animal_id_check;",
  },
  {
    kind: "index on a keyword column",
    path: ["schemas", "app", "tables", "event", "indexes", "event_ts"],
    drop: "DROP INDEX app.event_ts;",
  },
  {
    kind: "foreign key not validated",
    path: ["schemas", "app", "tables", "event", "foreign_keys", "event_item_fk"],
    drop: "ALTER TABLE app.event DROP CONSTRAINT event_item_fk;",
  },
  {
    kind: "rule",
    path: ["schemas", "app", "tables", "ticket", "rules", "ticket_archive"],
    drop: "DROP RULE ticket_archive ON app.ticket;",
  },
  {
    kind: "sequence owned by a column",
    path: ["schemas", "app", "sequences", "ticket_seq", "owner_table"],
    drop: "ALTER SEQUENCE app.ticket_seq OWNED BY NONE;",
  },
  { kind: "trigger", path: ["schemas", "app", "tables", "item", "triggers", "item_touch"], drop: "DROP TRIGGER item_touch ON app.item;" },
  {
    kind: "statement trigger",
    path: ["schemas", "app", "tables", "item", "triggers", "item_stmt"],
    drop: "DROP TRIGGER item_stmt ON app.item;",
  },
  { kind: "partition", path: ["schemas", "app", "tables", "log_2024"], drop: "DROP TABLE app.log_2024;" },
  { kind: "inheritance", path: ["schemas", "app", "tables", "dog", "inherits"], drop: "ALTER TABLE app.dog NO INHERIT app.animal;" },
];

let db: TestDatabase;
let current: Database;

beforeAll(async () => {
  db = await createTestDatabase("pyrseas_kinds");
  // Schema public as PostgreSQL 15 and later make it (the file holds it so); PostgreSQL 14's is made the same.
  await execute(db.url, "ALTER SCHEMA public OWNER TO pg_database_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
  await execute(db.url, readFileSync(fixture("kinds.sql"), "utf8"));
  const session = await connect(resolveConnection({ dbname: db.url }));
  try {
    current = await introspect(session);
  } finally {
    await session.close();
  }
});

afterAll(async () => {
  await db?.drop();
});

/** The file as read, with the entry at `path` taken out (the model keeps its dialect: it is the same object). */
function fileWithout(path: string[]): Database {
  const model = readSchemaYaml(yaml, "kinds.yaml");
  let at: Record<string, unknown> = model;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  expect(Object.hasOwn(at, last), `${path.join(" > ")} is in the file`).toBe(true);
  delete at[last];
  return model;
}

describe("a Pyrseas file of every kind against the database it was written from", () => {
  it("yamltodb prints nothing and warns once, of what the dialect cannot describe", async () => {
    const result = await yamltodb({ connection: { dbname: db.url }, spec: fixture("kinds.yaml") });
    expect(result.sql).toBe("");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain("which cannot describe table app.empty (no columns), procedure app.noop(),");
  });

  it("what it leaves alone: what the dialect cannot describe and what Pyrseas never writes", () => {
    expect(keepUndescribed(readSchemaYaml(yaml, "kinds.yaml"), current).kept).toEqual([
      "table app.empty (no columns)",
      "procedure app.noop()",
      "CYCLE of sequence app.round_seq",
      "PARALLEL of function app.twice(integer)",
      "NOT VALID of constraint event_item_fk on app.event",
      "text search mappings of app.cfg",
      "the handler of language mylang",
      "cast (text as json)",
    ]);
  });

  it.each(kinds)("$kind: compared, so leaving it out of the file drops it", ({ path, drop }) => {
    const target = keepUndescribed(fileWithout(path), current).target;
    const sql = toSql(diffSchemas(current, target));
    expect(sql.split("\n"), sql).toContain(drop);
  });
});
