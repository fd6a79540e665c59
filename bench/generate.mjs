#!/usr/bin/env node
// A deterministic generator of a realistic schema of N tables, as SQL text:
// the benchmark's workload. Same (n, seed) → byte-identical SQL.
//
// Rules (the object counts that bench-generator.pg.test.ts checks follow from them):
//   schemas      floor(n / 100) + 2, each with 2 enums, 2 domains, 1 composite type,
//                2 standalone sequences and 1 trigger function
//   tables       n, table i in schema i % schemas; primary key by i % 3: identity,
//                serial, composite; 1 to 3 indexes (plain, partial, expression)
//   views        floor(n / 10); view k (k % 3 = 2) selects from view k - 1
//   mat. views   floor(n / 50), one unique index each
//   functions    floor(n / 10) (sql and plpgsql; every odd one overloads the even one before it)
//   triggers     floor(n / 20), on tables 0, 20, 40, ...
import { pathToFileURL } from "node:url";

export const benchRoles = ["bench_reader", "bench_writer"];

/** mulberry32: a small, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const schemaWords = ["sales", "stock", "billing", "people", "crm", "ops", "audit", "catalog", "support", "finance"];
const nouns = [
  "customer",
  "orders",
  "invoice",
  "payment",
  "product",
  "shipment",
  "supplier",
  "employee",
  "account",
  "ledger",
  "ticket",
  "event",
  "visit",
  "review",
  "coupon",
  "warehouse",
  "region",
  "contract",
  "asset",
  "device",
];

export function schemaCount(n) {
  return Math.floor(n / 100) + 2;
}

function schemaName(s) {
  return s < schemaWords.length ? schemaWords[s] : `${schemaWords[s % schemaWords.length]}_${Math.floor(s / schemaWords.length)}`;
}

function schemaObjects(schema) {
  return [
    `CREATE SCHEMA ${schema};`,
    `COMMENT ON SCHEMA ${schema} IS 'the ${schema} area';`,
    `GRANT USAGE ON SCHEMA ${schema} TO bench_reader, bench_writer;`,
    `CREATE TYPE ${schema}.status AS ENUM ('draft', 'active', 'suspended', 'closed');`,
    `CREATE TYPE ${schema}.priority AS ENUM ('low', 'normal', 'high');`,
    `CREATE DOMAIN ${schema}.amount AS numeric(12,2) DEFAULT 0 CONSTRAINT amount_nonnegative CHECK (VALUE >= 0);`,
    `CREATE DOMAIN ${schema}.email AS text CONSTRAINT email_shape CHECK (VALUE LIKE '%_@_%');`,
    `CREATE TYPE ${schema}.address AS (street text, city text, zip varchar(10));`,
    `CREATE SEQUENCE ${schema}.document_no START WITH 1000 INCREMENT BY 1 CACHE 20;`,
    `CREATE SEQUENCE ${schema}.batch_no AS integer START WITH 1 INCREMENT BY 10;`,
    `CREATE FUNCTION ${schema}.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END
$$;`,
  ];
}

/** The extra column types, each with how to make a default and whether it can hold an index. */
function columnTypes(schema) {
  return [
    { tag: "qty", type: "integer", def: "0", check: (c) => `${c} >= 0` },
    { tag: "big", type: "bigint" },
    { tag: "note", type: "text", index: true },
    { tag: "code", type: "varchar(32)", index: true },
    { tag: "price", type: "numeric(12,2)", check: (c) => `${c} >= 0` },
    { tag: "at", type: "timestamptz", def: "now()", index: true },
    { tag: "day", type: "date", def: "CURRENT_DATE", index: true },
    { tag: "flag", type: "boolean", def: "false" },
    { tag: "doc", type: "jsonb", def: "'{}'::jsonb" },
    { tag: "ref", type: "uuid", index: true },
    { tag: "status", type: `${schema}.status`, def: "'draft'", index: true },
    { tag: "prio", type: `${schema}.priority` },
    { tag: "total", type: `${schema}.amount` },
    { tag: "mail", type: `${schema}.email` },
    { tag: "addr", type: `${schema}.address` },
    { tag: "tags", type: "text[]", def: "'{}'" },
    { tag: "scores", type: "integer[]" },
  ];
}

const fkActions = [
  "",
  " ON DELETE CASCADE",
  " ON DELETE SET NULL",
  " DEFERRABLE INITIALLY DEFERRED",
  " ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE",
];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function between(random, low, high) {
  return low + Math.floor(random() * (high - low + 1));
}

/** One table: its statements, and what later objects need to know of it. */
function table(i, schema, random, earlier) {
  const name = `${nouns[i % nouns.length]}_${i}`;
  const qualified = `${schema}.${name}`;
  const pkStyle = ["identity", "serial", "composite"][i % 3];
  const columns = [];
  const constraints = [];
  if (pkStyle === "identity") columns.push(`id bigint GENERATED ${random() < 0.5 ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY PRIMARY KEY`);
  if (pkStyle === "serial") columns.push("id serial PRIMARY KEY");
  if (pkStyle === "composite") {
    columns.push("part_a integer NOT NULL", "part_b integer NOT NULL");
    constraints.push(`CONSTRAINT ${name}_pkey PRIMARY KEY (part_a, part_b)`);
  }
  columns.push("name text NOT NULL");
  const indexable = ["name"];
  const types = columnTypes(schema);
  const extra = between(random, 2, 8);
  for (let k = 0; k < extra; k++) {
    const type = pick(random, types);
    const column = `c${k}_${type.tag}`;
    const notNull = type.def !== undefined && random() < 0.4;
    const def = type.def !== undefined && (notNull || random() < 0.5) ? ` DEFAULT ${type.def}` : "";
    columns.push(`${column} ${type.type}${notNull ? " NOT NULL" : ""}${def}`);
    if (type.index) indexable.push(column);
    if (type.check && random() < 0.5) constraints.push(`CONSTRAINT ${name}_${column}_check CHECK (${type.check(column)})`);
  }
  const targets = earlier.filter((t) => t.pkType !== undefined);
  if (targets.length > 0 && random() < 0.6) {
    const target = targets[Math.max(0, targets.length - 1 - Math.floor(random() * 50))];
    columns.push(`${target.name}_id ${target.pkType}`);
    indexable.push(`${target.name}_id`);
    constraints.push(
      `CONSTRAINT ${name}_${target.name}_fk FOREIGN KEY (${target.name}_id) REFERENCES ${target.qualified} (id)${pick(random, fkActions)}`,
    );
  }
  if (random() < 0.3) constraints.push(`CONSTRAINT ${name}_name_check CHECK (char_length(name) > 0)`);
  const statements = [`CREATE TABLE ${qualified} (\n    ${[...columns, ...constraints].join(",\n    ")}\n);`];
  const indexCount = between(random, 1, 3);
  const keyed = indexable[Math.floor(random() * indexable.length)];
  statements.push(`CREATE INDEX ${name}_idx0 ON ${qualified} (${keyed});`);
  if (indexCount > 1) statements.push(`CREATE INDEX ${name}_idx1 ON ${qualified} (${pick(random, indexable)}) WHERE name <> '';`);
  if (indexCount > 2) statements.push(`CREATE INDEX ${name}_idx2 ON ${qualified} (lower(name));`);
  statements.push(`COMMENT ON TABLE ${qualified} IS 'the ${nouns[i % nouns.length]} records, part ${i}';`);
  if (random() < 0.5) statements.push(`COMMENT ON COLUMN ${qualified}.name IS 'display name';`);
  statements.push(`GRANT SELECT ON ${qualified} TO bench_reader;`);
  if (i % 2 === 1) statements.push(`GRANT INSERT, UPDATE ON ${qualified} TO bench_writer;`);
  const pkType = pkStyle === "identity" ? "bigint" : pkStyle === "serial" ? "integer" : undefined;
  return { statements, info: { schema, name, qualified, pkType, keys: pkStyle === "composite" ? ["part_a", "part_b"] : ["id"] } };
}

function views(count, tables, schemas) {
  const statements = [];
  for (let k = 0; k < count; k++) {
    const schema = schemas[k % schemas.length];
    const view = `${schema}.report_${k}`;
    if (k % 3 === 2) {
      statements.push(
        `CREATE VIEW ${view} AS SELECT name, count(*) AS how_many FROM ${schemas[(k - 1) % schemas.length]}.report_${k - 1} GROUP BY name;`,
      );
    } else {
      const base = tables[(k * 10) % tables.length];
      statements.push(`CREATE VIEW ${view} AS SELECT ${[...base.keys, "name"].join(", ")} FROM ${base.qualified} WHERE name <> '';`);
    }
    statements.push(`COMMENT ON VIEW ${view} IS 'report ${k}';`, `GRANT SELECT ON ${view} TO bench_reader;`);
  }
  return statements;
}

function materializedViews(count, tables, schemas) {
  const statements = [];
  for (let k = 0; k < count; k++) {
    const schema = schemas[k % schemas.length];
    const base = tables[(k * 50 + 7) % tables.length];
    statements.push(
      `CREATE MATERIALIZED VIEW ${schema}.summary_${k} AS SELECT name, count(*) AS how_many FROM ${base.qualified} GROUP BY name;`,
      `CREATE UNIQUE INDEX summary_${k}_name_idx ON ${schema}.summary_${k} (name);`,
    );
  }
  return statements;
}

function functions(count, schemas, random) {
  const statements = [];
  for (let k = 0; k < count; k++) {
    const schema = schemas[Math.floor(k / 2) % schemas.length];
    const name = `${schema}.calc_${Math.floor(k / 2)}`;
    if (k % 2 === 0) {
      const volatility = pick(random, ["IMMUTABLE", "STABLE", "VOLATILE"]);
      statements.push(
        `CREATE FUNCTION ${name}(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql ${volatility} AS $$SELECT a * b + ${k}$$;`,
      );
    } else {
      const definer = random() < 0.3 ? " SECURITY DEFINER SET search_path = pg_catalog" : "";
      statements.push(`CREATE FUNCTION ${name}(a text) RETURNS text LANGUAGE plpgsql STABLE${definer} AS $$
BEGIN
    IF a IS NULL THEN
        RETURN '';
    END IF;
    RETURN upper(a) || '${k}';
END
$$;`);
      statements.push(`COMMENT ON FUNCTION ${name}(text) IS 'labels for group ${Math.floor(k / 2)}';`);
    }
  }
  return statements;
}

function triggers(count, tables) {
  const statements = [];
  for (let m = 0; m < count; m++) {
    const target = tables[m * 20];
    statements.push(
      `CREATE TRIGGER ${target.name}_touch BEFORE INSERT OR UPDATE ON ${target.qualified} FOR EACH ROW EXECUTE FUNCTION ${target.schema}.touch();`,
    );
  }
  return statements;
}

/**
 * The schema as SQL. `statements` holds the same text one statement at a
 * time, so a loader can commit in batches (one transaction for all of a
 * large schema would exceed the server's lock table).
 */
export function generateSchema(n, seed = 1) {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`the number of tables must be a positive integer, got ${n}`);
  const random = createRandom(seed);
  const schemas = Array.from({ length: schemaCount(n) }, (_, s) => schemaName(s));
  const statements = schemas.flatMap(schemaObjects);
  const tables = [];
  for (let i = 0; i < n; i++) {
    const made = table(i, schemas[i % schemas.length], random, tables);
    statements.push(...made.statements);
    tables.push(made.info);
  }
  statements.push(...views(Math.floor(n / 10), tables, schemas));
  statements.push(...materializedViews(Math.floor(n / 50), tables, schemas));
  statements.push(...functions(Math.floor(n / 10), schemas, random));
  statements.push(...triggers(Math.floor(n / 20), tables));
  const header = `-- roles: ${benchRoles.join(", ")}\n-- generated schema: ${n} tables, seed ${seed}\n`;
  return { sql: header + statements.join("\n") + "\n", statements, roles: [...benchRoles], tables };
}

/**
 * A change to about `fraction` of the tables of a generated schema: a column
 * added, a comment changed, an index dropped. For timing the diff of two
 * slightly different models.
 */
export function generateMutation(tables, fraction = 0.05) {
  const every = Math.max(1, Math.round(1 / fraction));
  const statements = [];
  tables.forEach((t, i) => {
    if (i % every !== 0) return;
    statements.push(
      `ALTER TABLE ${t.qualified} ADD COLUMN added_${i} text DEFAULT 'new';`,
      `COMMENT ON TABLE ${t.qualified} IS 'changed in the mutation';`,
      `DROP INDEX ${t.schema}.${t.name}_idx0;`,
    );
  });
  return statements;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [n, seed] = process.argv.slice(2).map(Number);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write("usage: node bench/generate.mjs N [SEED] > schema.sql\n");
    process.exit(2);
  }
  process.stdout.write(generateSchema(n, Number.isInteger(seed) ? seed : 1).sql);
}
