import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { Database } from "@pgvc/model";
import { diffSchemas } from "@pgvc/diff";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { conversion, listedConversions, type BuiltinType } from "../src/kinds/type-conversions.js";
import { runBin, yamltodbBin } from "./bins.js";

// The table of type conversions held against PostgreSQL: for every pair it
// lists, the ALTER the diff writes runs on a table with values in it. What the
// table calls binary keeps the table's file (no rewrite) and every value;
// widening keeps every value; may-fail fails on a witness value and keeps the
// others; lossy changes a witness value without failing. "Keeps" means the
// value converted back to the old type reads the same as before. The session
// has a time zone with daylight saving time, where the conversions between
// local and zoned times show what they do.

const db = useTestDatabase("pgvc_typeconv");
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    "SET TimeZone = 'Europe/Berlin'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET lc_monetary = 'C'; SET bytea_output = 'hex'",
  );
});
afterAll(async () => {
  await client?.end();
});

/** How each type is spelled in the tables the test makes (format_type's spelling, as dbtoyaml writes it). */
const spelled: Record<BuiltinType, string> = {
  smallint: "smallint",
  integer: "integer",
  bigint: "bigint",
  numeric: "numeric",
  real: "real",
  "double precision": "double precision",
  money: "money",
  text: "text",
  varchar: "character varying",
  char: "character(40)",
  boolean: "boolean",
  date: "date",
  time: "time without time zone",
  timetz: "time with time zone",
  timestamp: "timestamp without time zone",
  timestamptz: "timestamp with time zone",
  interval: "interval",
  uuid: "uuid",
  json: "json",
  jsonb: "jsonb",
  bytea: "bytea",
  inet: "inet",
  cidr: "cidr",
};

/** Values of each type, written as PostgreSQL writes them back under the session's settings. */
const samples: Record<BuiltinType, string[]> = {
  smallint: ["0", "42", "-32768", "32767"],
  integer: ["0", "42", "-2147483648", "2147483647"],
  bigint: ["0", "42", "-9223372036854775808", "9223372036854775807"],
  numeric: ["0", "42", "1.5", "-123456789.123456789"],
  real: ["0", "42", "1.5", "-0.25"],
  "double precision": ["0", "42", "1.5", "0.1"],
  money: ["$0.00", "$42.50", "-$1.23"],
  text: ["abc", "", " x "],
  varchar: ["abc", "", " x "],
  char: ["abc", "x y"],
  boolean: ["true", "false"],
  date: ["2024-01-01", "1999-12-31"],
  time: ["10:00:00", "23:59:59.999999"],
  timetz: ["10:00:00+01", "23:59:59.5-05"],
  timestamp: ["2024-01-01 10:00:00", "2024-06-30 23:59:59.999999"],
  timestamptz: ["2024-01-01 10:00:00+01", "2024-06-30 23:59:59.999999+02"],
  interval: ["1 day 02:03:04", "00:00:00.5", "1 year 2 mons"],
  uuid: ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
  json: ['{"a": 1}', "[1, 2]"],
  jsonb: ['{"a": 1}', "[1, 2]"],
  bytea: ["\\x616263", "\\x"],
  inet: ["192.168.1.5", "10.0.0.0/8"],
  cidr: ["10.0.0.0/8", "192.168.1.0/24"],
};

/** Values that show a may-fail pair failing or a lossy pair changing a value. */
const witnesses: Record<string, string[]> = {
  "integer>smallint": ["40000"],
  "integer>real": ["16777217"],
  "integer>boolean": ["2"],
  "bigint>smallint": ["40000"],
  "bigint>integer": ["3000000000"],
  "bigint>money": ["9223372036854775807"],
  "bigint>real": ["16777217"],
  "bigint>double precision": ["9007199254740993"],
  "numeric>smallint": ["1.5"],
  "numeric>integer": ["1.5"],
  "numeric>bigint": ["1.5"],
  "numeric>real": ["1.000000001"],
  "numeric>double precision": ["1.0000000000000000001"],
  "numeric>money": ["1.005"],
  "real>smallint": ["1.5"],
  "real>integer": ["1.5"],
  "real>bigint": ["1.5"],
  "real>numeric": ["1.0000001"],
  "real>money": ["0.001"],
  "double precision>smallint": ["1.5"],
  "double precision>integer": ["1.5"],
  "double precision>bigint": ["1.5"],
  "double precision>numeric": ["0.30000000000000004"],
  "double precision>real": ["0.1"],
  "double precision>money": ["0.001"],
  "timestamp>date": ["2024-01-01 10:00:00"],
  "timestamp>time": ["2023-05-05 10:00:00"],
  // A local time in the spring-forward gap moves an hour.
  "timestamp>timestamptz": ["2024-03-31 02:30:00"],
  "timestamptz>date": ["2024-01-01 10:00:00+01"],
  "timestamptz>time": ["2023-05-05 10:00:00+02"],
  "timestamptz>timetz": ["2024-06-01 10:00:00+02"],
  // Two instants of the autumn overlap read as the same local time.
  "timestamptz>timestamp": ["2024-10-27 00:30:00+00", "2024-10-27 01:30:00+00"],
  "timetz>time": ["10:00:00+05"],
  "interval>time": ["1 day"],
  "json>jsonb": ['{"a": 1, "a": 2}'],
  "inet>cidr": ["192.168.1.5/24"],
  "text>smallint": ["x"],
  "text>integer": ["x"],
  "text>bigint": ["x"],
  "text>numeric": ["x"],
  "text>boolean": ["maybe"],
  "text>uuid": ["x"],
  "text>json": ["{"],
  "text>inet": ["x"],
  "text>cidr": ["192.168.1.5/24"],
  "text>real": ["1.000000001"],
  "text>double precision": ["1.0000000000000000001"],
  "text>money": ["1.005"],
  "text>date": ["2024-01-01 10:00:00"],
  "text>time": ["10:00:00.0000001"],
  "text>timetz": ["10:00:00.0000001+01"],
  "text>timestamp": ["2024-01-01 10:00:00.0000001"],
  "text>timestamptz": ["2024-01-01 10:00:00.0000001+01"],
  "text>interval": ["0.0000001 seconds"],
  "text>jsonb": ['{"a": 1, "a": 2}'],
  "text>bytea": ["abc"],
  "text>char": ["ab "],
  "varchar>char": ["ab "],
};

/** How to read a value back as the old type where no cast leads back: the day is gone, so give one. */
const backs: Record<string, string> = {
  "timestamp>time": "('2024-01-01'::date + v)",
  "timestamptz>time": "('2024-01-01'::date + v)::timestamptz",
  "timestamptz>timetz": "('2024-01-01'::date + v)",
  // inet's own spelling (text(inet) adds /32).
  "text>inet": "abbrev(v)",
  "varchar>inet": "abbrev(v)",
  "char>inet": "abbrev(v)",
};

/** Typmods: [from, to, values that survive, witnesses]. */
const typmodCases: [string, string, string[], string[]][] = [
  ["character varying(10)", "character varying(20)", ["abc", "abcdefghij"], []],
  ["character varying(10)", "character varying", ["abcdefghij"], []],
  ["character varying(10)", "text", ["abcdefghij"], []],
  ["character varying(20)", "character varying(10)", ["abc"], ["abc          "]],
  ["text", "character varying(10)", ["abc"], ["abc          "]],
  ["character varying", "character varying(10)", ["abc"], ["abc          "]],
  ["character varying(5)", "character(5)", [], ["ab "]],
  ["character(5)", "character(10)", ["ab", "abcde"], []],
  ["character(10)", "character(5)", ["ab"], ["abcdefghij"]],
  ["character(5)", "bpchar", ["ab", "abcde"], []],
  ["bpchar", "character(5)", ["ab"], ["abcdefghij"]],
  ["character(5)", "character varying(5)", ["ab", "abcde"], []],
  ["character(10)", "character varying(5)", ["ab"], ["abcdefghij"]],
  ["numeric(10,2)", "numeric(12,2)", ["12345678.99", "-0.01"], []],
  ["numeric(10,2)", "numeric", ["12345678.99", "-0.01"], []],
  ["numeric(10,2)", "numeric(12,4)", ["12345678.99", "-0.01"], []],
  ["numeric(10,2)", "numeric(8,2)", ["123456.99"], ["12345678.99"]],
  ["numeric(10,2)", "numeric(10,4)", ["123456.99"], ["12345678.99"]],
  ["numeric(10,2)", "numeric(10,1)", [], ["1.25"]],
  ["numeric", "numeric(10,2)", [], ["1.005"]],
  ["integer", "numeric(12,2)", ["-2147483648", "2147483647"], []],
  ["integer", "numeric(5,0)", ["99999"], ["100000"]],
  ["bigint", "numeric(19,0)", ["-9223372036854775808", "9223372036854775807"], []],
  ["numeric(4,0)", "smallint", ["9999", "-9999"], []],
  ["numeric(9,0)", "integer", ["999999999", "-999999999"], []],
  ["numeric(10,0)", "integer", ["999999999"], ["9999999999"]],
  ["numeric(19,0)", "bigint", ["999999999999999999"], ["9999999999999999999"]],
  ["numeric(10,2)", "integer", [], ["1.5"]],
  ["numeric(10,2)", "real", [], ["12345678.99"]],
  ["integer", "character varying(11)", ["-2147483648", "42"], []],
  ["integer", "character varying(5)", [], ["123456"]],
  ["integer", "character(11)", ["-2147483648", "42"], []],
  ["integer", "character(5)", [], ["123456"]],
  ["bigint", "character varying(20)", ["-9223372036854775808"], []],
  ["boolean", "character varying(5)", ["false", "true"], []],
  ["uuid", "character varying(36)", ["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"], []],
  ["timestamp(3) without time zone", "timestamp(6) without time zone", ["2024-01-01 10:00:00.123"], []],
  ["timestamp(0) without time zone", "timestamp without time zone", ["2024-01-01 10:00:00"], []],
  ["timestamp without time zone", "timestamp(6) without time zone", ["2024-01-01 10:00:00.123456"], []],
  ["time(0) without time zone", "time(3) with time zone", ["10:00:01"], []],
  ["timestamp(6) without time zone", "timestamp(3) without time zone", [], ["2024-01-01 10:00:00.1234"]],
  ["timestamp without time zone", "timestamp(0) without time zone", [], ["2024-01-01 10:00:00.5"]],
  ["timestamp with time zone", "timestamp(0) with time zone", [], ["2024-01-01 10:00:00.5+01"]],
  ["timestamp with time zone", "timestamp(0) without time zone", [], ["2024-01-01 10:00:00.5+01"]],
  ["time without time zone", "time(0) without time zone", [], ["10:00:00.5"]],
  ["time(2) without time zone", "time(4) without time zone", ["10:00:00.25"], []],
  ["time with time zone", "time(0) with time zone", [], ["10:00:00.5+01"]],
  ["time(3) without time zone", "time(0) with time zone", [], ["10:00:00.5"]],
  ["interval", "interval(0)", [], ["00:00:00.5"]],
  ["interval(3)", "interval(6)", ["00:00:00.125"], []],
  ["interval", "interval day", [], ["1 day 02:00:00"]],
  ["interval hour", "interval", ["05:00:00"], []],
  ["date", "timestamp(0) without time zone", ["2024-01-01"], []],
];

interface Outcome {
  error?: string;
  changed: string[];
  rewritten: boolean;
}

let tables = 0;
const model = (table: string, from: string, type: string): Database => ({
  schemas: {
    public: {
      tables: {
        [table]: {
          columns: [
            { name: "id", type: "integer" },
            { name: "v", type },
            { name: "orig", type: from },
          ],
        },
      },
    },
  },
});

/** Makes a table of `values` as `from`, runs the diff's ALTER to `to`, reads them back as `from`. */
async function convert(from: string, to: string, values: string[], back?: string): Promise<Outcome> {
  const table = `t${++tables}`;
  await client.query(`CREATE TABLE ${table} (id integer, v ${from}, orig ${from})`);
  for (const [i, value] of values.entries()) await client.query(`INSERT INTO ${table} VALUES ($1, $2, $2)`, [i, value]);
  const file = async () => (await client.query(`SELECT pg_relation_filenode('${table}') AS f`)).rows[0].f as string;
  const before = await file();
  const alters = diffSchemas(model(table, from, from), model(table, from, to));
  expect(alters.map((s) => s.sql).join(";")).toContain("ALTER COLUMN v TYPE");
  try {
    for (const s of alters) await client.query(s.sql);
  } catch (error) {
    return { error: (error as Error).message, changed: [], rewritten: false };
  }
  const rewritten = (await file()) !== before;
  for (const expr of back ? [back] : [`v::${from}`, `v::text::${from}`, `v::numeric::${from}`]) {
    const rows = await client
      .query(`SELECT orig::text AS orig, (${expr})::${from}::text AS back FROM ${table} ORDER BY id`)
      .catch(() => undefined);
    if (rows) return { changed: rows.rows.filter((r) => r.orig !== r.back).map((r) => `${r.orig} -> ${r.back}`), rewritten };
  }
  throw new Error(`no way back from ${to} to ${from}`);
}

/** The table's verdict on `from` to `to`, held against the server with `survivors` and `witness` values. */
async function check(from: string, to: string, survivors: string[], witness: string[], back?: string): Promise<void> {
  const kind = conversion(from, to);
  if (kind !== "lossy") {
    const kept = await convert(from, to, survivors, back);
    expect(kept.error, `${from} to ${to} failed on ${survivors.join(", ")}`).toBeUndefined();
    expect(kept.changed, `${from} to ${to} changed values`).toEqual([]);
    if (kind === "binary" || kind === "widening") expect(kept.rewritten, `${from} to ${to} is ${kind}`).toBe(kind === "widening");
  }
  if (kind === "binary" || kind === "widening") return;
  expect(witness.length, `a witness for ${from} to ${to}`).toBeGreaterThan(0);
  const shown = await convert(from, to, witness, back);
  if (kind === "may-fail") expect(shown.error, `${from} to ${to} with ${witness.join(", ")}`).toBeDefined();
  else {
    expect(shown.error, `${from} to ${to} with ${witness.join(", ")}`).toBeUndefined();
    expect(shown.changed.length, `${from} to ${to} changes ${witness.join(", ")}`).toBeGreaterThan(0);
  }
}

const strings: BuiltinType[] = ["text", "varchar", "char"];

describe("the type conversion table holds on PostgreSQL", () => {
  it.each(listedConversions())("%s to %s (%s)", async (from, to) => {
    const key = `${from}>${to}`;
    const textKey = strings.includes(from) ? `text>${to}` : key;
    // A string holds the other type's values; integer types that narrow hold the smaller one's.
    const survivors = strings.includes(from) || conversion(spelled[from], spelled[to]) === "may-fail" ? samples[to] : samples[from];
    await check(spelled[from], spelled[to], survivorsOf(key, survivors), witnesses[key] ?? witnesses[textKey] ?? [], backs[key]);
  });

  it.each(typmodCases)("%s to %s", async (from, to, survivors, witness) => {
    await check(from, to, survivors, witness);
  });
});

const survivorsOverride: Record<string, string[]> = {
  "bigint>money": ["42", "-1"],
  "interval>time": ["10:00:00"],
  "inet>cidr": ["10.0.0.0/8"],
  // char(n) keeps its padding, which uuid and inet do not read: only a value of exactly n characters converts.
  "char>uuid": [],
  "char>inet": [],
  "char>cidr": [],
};

function survivorsOf(key: string, survivors: string[]): string[] {
  return survivorsOverride[key] ?? survivors;
}

describe("a new collation alone", () => {
  it("keeps the table's file (its hazard is lock, for the indexes rebuilt)", async () => {
    const table = (collation?: string): Database => ({
      schemas: { public: { tables: { coll: { columns: [{ name: "v", type: "text", ...(collation ? { collation } : {}) }] } } } },
    });
    await client.query("CREATE TABLE coll (v text); INSERT INTO coll VALUES ('a'); CREATE INDEX ON coll (v)");
    const file = async () => (await client.query("SELECT pg_relation_filenode('coll') AS f")).rows[0].f as string;
    const before = await file();
    const [alter] = diffSchemas(table(), table('"C"'));
    expect(alter?.hazards).toEqual(["lock"]);
    await client.query(alter?.sql as string);
    expect(await file()).toBe(before);
  });
});

describe("the hazards reach yamltodb --hazards", () => {
  it("marks the lossy type changes data-loss and leaves a widening one at rewrite", async () => {
    await client.query(`CREATE SCHEMA shop; CREATE TABLE shop.price (amount numeric, at timestamp, code character varying(20), n integer)`);
    const column = (name: string, type: string) => `    - ${name}:\n        type: ${type}\n`;
    const yaml = `schema shop:\n  table price:\n    columns:\n${column("amount", "real")}${column("at", "timestamp(0) without time zone")}${column("code", "character varying(10)")}${column("n", "bigint")}`;
    const result = await runBin(yamltodbBin, ["--hazards", "-n", "shop", db.url], { input: yaml });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        "-- hazards: data-loss, rewrite, lock\nALTER TABLE shop.price ALTER COLUMN amount TYPE real;",
        "-- hazards: data-loss, rewrite, lock\nALTER TABLE shop.price ALTER COLUMN at TYPE timestamp(0) without time zone;",
        "-- hazards: data-loss, rewrite, lock\nALTER TABLE shop.price ALTER COLUMN code TYPE character varying(10);",
        "-- hazards: rewrite, lock\nALTER TABLE shop.price ALTER COLUMN n TYPE bigint;",
        "",
      ].join("\n"),
    );
  });
});
