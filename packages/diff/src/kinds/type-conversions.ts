import type { Hazard } from "../statement.js";

/**
 * What `ALTER COLUMN ... TYPE` does to the values, for the built-in types,
 * as the column differ writes it (columns.ts: no USING within a family of
 * types, `col::new` to and from strings, otherwise `col::text::new`):
 *
 * - `binary`: no rewrite, every value stays (pg_cast's binary-coercible
 *   casts, and typmods PostgreSQL's support functions accept as they are:
 *   a longer varchar, more precision with the same numeric scale);
 * - `widening`: the table is rewritten and every value survives;
 * - `may-fail`: some values make the ALTER fail (and roll back), the others survive;
 * - `lossy`: some values come out different, silently (rounded, truncated,
 *   merged); it may also fail on others.
 *
 * "Survives" means it converts back to the same value of the old type. A
 * string's spelling is not its value (text '007' to integer 7 is no loss),
 * but what it says is ('1.000000001' to real 1 is). Time zones are those of
 * the session that runs the change; timestamp to and from timestamptz is
 * lossy because a local time in a daylight-saving gap or overlap moves.
 * Held against the server by test/type-conversions.pg.test.ts.
 */
export type Conversion = "binary" | "widening" | "may-fail" | "lossy";

export const builtinTypes = [
  "smallint",
  "integer",
  "bigint",
  "numeric",
  "real",
  "double precision",
  "money",
  "text",
  "varchar",
  "char",
  "boolean",
  "date",
  "time",
  "timetz",
  "timestamp",
  "timestamptz",
  "interval",
  "uuid",
  "json",
  "jsonb",
  "bytea",
  "inet",
  "cidr",
] as const;
export type BuiltinType = (typeof builtinTypes)[number];

/** A built-in type with its typmods: `numeric(10,2)` is numeric with [10, 2]; `interval day` has fields. */
export interface SqlType {
  base: BuiltinType;
  mods: number[];
  fields?: string;
}

const strings: readonly BuiltinType[] = ["text", "varchar", "char"];
const temporal: readonly BuiltinType[] = ["time", "timetz", "timestamp", "timestamptz", "interval"];

/** Conversions between different built-in types (typmods aside); a pair not listed is unknown. */
const rows: [BuiltinType, BuiltinType[], Conversion][] = [
  ["smallint", ["integer", "bigint", "numeric", "real", "double precision", "money", "text", "varchar"], "widening"],
  ["integer", ["bigint", "numeric", "double precision", "money", "text", "varchar"], "widening"],
  ["integer", ["smallint"], "may-fail"],
  // real keeps 24 bits (16777217 reads 16777216); 0 is false and every other number true.
  ["integer", ["real", "boolean"], "lossy"],
  ["bigint", ["numeric", "text", "varchar"], "widening"],
  ["bigint", ["smallint", "integer", "money"], "may-fail"],
  ["bigint", ["real", "double precision"], "lossy"],
  // An unconstrained numeric rounds to an integer (1.5 reads 2), to floats and to money's cents.
  ["numeric", ["smallint", "integer", "bigint", "real", "double precision", "money"], "lossy"],
  ["numeric", ["text", "varchar"], "widening"],
  ["real", ["double precision", "text", "varchar"], "widening"],
  ["real", ["smallint", "integer", "bigint", "numeric", "money"], "lossy"],
  ["double precision", ["text", "varchar"], "widening"],
  ["double precision", ["smallint", "integer", "bigint", "numeric", "real", "money"], "lossy"],
  ["money", ["text", "varchar"], "widening"],
  ["boolean", ["integer", "text", "varchar"], "widening"],
  ["date", ["timestamp", "timestamptz", "text", "varchar"], "widening"],
  ["timestamp", ["date", "time", "timestamptz"], "lossy"],
  ["timestamp", ["text", "varchar"], "widening"],
  ["timestamptz", ["date", "time", "timetz", "timestamp"], "lossy"],
  ["timestamptz", ["text", "varchar"], "widening"],
  ["time", ["timetz", "interval", "text", "varchar"], "widening"],
  ["timetz", ["time"], "lossy"],
  ["timetz", ["text", "varchar"], "widening"],
  // Through text: '1 day' or '25:00:00' is no time of day.
  ["interval", ["time"], "may-fail"],
  ["interval", ["text", "varchar"], "widening"],
  ["uuid", ["text", "varchar"], "widening"],
  // jsonb keeps the last of duplicate keys and drops whitespace and key order.
  ["json", ["jsonb"], "lossy"],
  ["json", ["text", "varchar"], "widening"],
  ["jsonb", ["json", "text", "varchar"], "widening"],
  ["bytea", ["text", "varchar"], "widening"],
  // Through text, which cidr refuses with bits right of the mask.
  ["inet", ["cidr"], "may-fail"],
  ["inet", ["text", "varchar"], "widening"],
  ["cidr", ["inet", "text", "varchar"], "widening"],
  ["text", ["varchar"], "binary"],
  ["varchar", ["text"], "binary"],
  ["char", ["text", "varchar"], "widening"],
  ["text", ["char"], "lossy"],
  ["varchar", ["char"], "lossy"],
  // Strings read as the type: what fails to read fails loudly...
  ["text", ["smallint", "integer", "bigint", "numeric", "boolean", "uuid", "json", "inet", "cidr"], "may-fail"],
  // ...but these round (floats, money, fractions of a microsecond), drop a time of day (date),
  // keep the last duplicate key (jsonb) or read backslashes as escapes (bytea).
  [
    "text",
    ["real", "double precision", "money", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "jsonb", "bytea"],
    "lossy",
  ],
];

const table = new Map<string, Conversion>();
for (const [from, tos, kind] of rows) for (const to of tos) table.set(`${from}>${to}`, kind);
// varchar and char read as text does.
for (const [key, kind] of [...table]) {
  const [from, to] = key.split(">") as [BuiltinType, BuiltinType];
  if (from === "text" && !strings.includes(to)) for (const s of ["varchar", "char"]) table.set(`${s}>${to}`, kind);
}

/** The pairs of different built-in types the table lists, with what they do. */
export function listedConversions(): [BuiltinType, BuiltinType, Conversion][] {
  return [...table].map(([key, kind]) => [...(key.split(">") as [BuiltinType, BuiltinType]), kind]);
}

const rank: Record<Conversion, number> = { binary: 0, widening: 1, "may-fail": 2, lossy: 3 };
const worst = (...kinds: Conversion[]): Conversion => kinds.reduce((a, b) => (rank[b] > rank[a] ? b : a));

/** What changing a column from type `from` to `to` does to its values; unknown types: `lossy`. */
export function conversion(from: string, to: string): Conversion {
  const a = parseType(from);
  const b = parseType(to);
  if (!a || !b) return from.trim() === to.trim() ? "binary" : "lossy";
  if (a.base === b.base) return sameBase(a, b);
  // char(n) takes what varchar takes, padded; lengthOf below judges the length.
  const target = b.base === "char" && !strings.includes(a.base) ? "varchar" : b.base;
  const kind = table.get(`${a.base}>${target}`);
  if (kind === undefined) return "lossy";
  // A numeric without decimals fits an integer type or fails: its typmods decide.
  if (a.base === "numeric" && integerDigits[b.base]) return digitsOf(a, b);
  return worst(kind, lengthOf(a, b), digitsOf(a, b), precisionOf(a, b));
}

/** The hazards of the ALTER COLUMN ... TYPE that makes the change. */
export function conversionHazards(from: string, to: string): Hazard[] {
  switch (conversion(from, to)) {
    case "binary":
      return [];
    case "widening":
    case "may-fail":
      return ["rewrite", "lock"];
    case "lossy":
      return ["data-loss", "rewrite", "lock"];
  }
}

/** The longest text of a value of the type (for `varchar(n)` targets; an explicit cast truncates). */
const longest: Partial<Record<BuiltinType, number>> = { boolean: 5, smallint: 6, integer: 11, bigint: 20, uuid: 36 };
/** The digits of an integer type's range, and the numeric(p,0) precision that always fits it. */
const integerDigits: Partial<Record<BuiltinType, [number, number]>> = { smallint: [5, 4], integer: [10, 9], bigint: [19, 18] };

function lengthOf(a: SqlType, b: SqlType): Conversion {
  const n = b.mods[0];
  if (!(b.base === "varchar" || b.base === "char") || n === undefined) return "binary";
  if (strings.includes(a.base)) return stringToString(a, b);
  const max = longest[a.base];
  return max !== undefined && max <= n ? "widening" : "lossy";
}

/** Between different string types: text loses its trailing spaces in char(n) and char(n) loses them as text. */
function stringToString(a: SqlType, b: SqlType): Conversion {
  const n = a.mods[0];
  const m = b.mods[0];
  if (b.base === "char") return "lossy";
  if (a.base !== "char") return m === undefined || (n !== undefined && n <= m) ? "binary" : "lossy";
  return m === undefined || (n !== undefined && n <= m) ? "widening" : "may-fail";
}

/** An integer into numeric(p,s), or numeric(p,s) into an integer. */
function digitsOf(a: SqlType, b: SqlType): Conversion {
  const into = integerDigits[b.base];
  if (a.base === "numeric" && into) {
    const [p, s] = a.mods;
    if (p === undefined || (s ?? 0) > 0) return "lossy";
    return p <= into[1] ? "widening" : "may-fail";
  }
  const from = integerDigits[a.base];
  if (b.base !== "numeric" || !from || b.mods[0] === undefined) return "binary";
  return b.mods[0] - (b.mods[1] ?? 0) >= from[0] ? "widening" : "may-fail";
}

/** Fractional seconds: fewer digits round (timestamp(0) reads 10:00:00.5 as 10:00:01). */
function precisionOf(a: SqlType, b: SqlType): Conversion {
  if (!temporal.includes(b.base) || !temporal.includes(a.base)) return "binary";
  if (b.fields !== undefined && b.fields !== a.fields) return "lossy";
  return (b.mods[0] ?? 6) < (a.mods[0] ?? 6) ? "lossy" : "binary";
}

/** The same type with other typmods. */
function sameBase(a: SqlType, b: SqlType): Conversion {
  const [p, s] = a.mods;
  const [q, t] = b.mods;
  if (a.base === "varchar" || a.base === "text") return q === undefined || (p !== undefined && p <= q) ? "binary" : "lossy";
  if (a.base === "char") return p === q ? "binary" : q === undefined ? "binary" : p !== undefined && p < q ? "widening" : "may-fail";
  if (a.base === "numeric") return sameNumeric(p, s ?? 0, q, t ?? 0);
  if (!temporal.includes(a.base)) return "binary";
  if (b.fields !== undefined && b.fields !== a.fields) return "lossy";
  if ((q ?? 6) < (p ?? 6)) return "lossy";
  // interval goes through text (a rewrite); the others keep their file when the precision does
  // not shrink (6, the most, is the same as none).
  if (a.base === "interval") return "widening";
  return q === undefined || q === 6 || (p !== undefined && p <= q) ? "binary" : "widening";
}

/** numeric(p,s) to numeric(q,t): the same scale and more digits needs no rewrite; fewer decimals round. */
function sameNumeric(p: number | undefined, s: number, q: number | undefined, t: number): Conversion {
  if (q === undefined) return "binary";
  if (p === undefined || t < s) return "lossy";
  if (q - t < p - s) return "may-fail";
  return t === s ? "binary" : "widening";
}

const aliases: Record<string, BuiltinType> = {
  int2: "smallint",
  smallint: "smallint",
  int4: "integer",
  int: "integer",
  integer: "integer",
  int8: "bigint",
  bigint: "bigint",
  numeric: "numeric",
  decimal: "numeric",
  float4: "real",
  real: "real",
  float8: "double precision",
  "double precision": "double precision",
  float: "double precision",
  money: "money",
  text: "text",
  "character varying": "varchar",
  varchar: "varchar",
  character: "char",
  char: "char",
  bpchar: "char",
  bool: "boolean",
  boolean: "boolean",
  date: "date",
  "time without time zone": "time",
  time: "time",
  "time with time zone": "timetz",
  timetz: "timetz",
  "timestamp without time zone": "timestamp",
  timestamp: "timestamp",
  "timestamp with time zone": "timestamptz",
  timestamptz: "timestamptz",
  interval: "interval",
  uuid: "uuid",
  json: "json",
  jsonb: "jsonb",
  bytea: "bytea",
  inet: "inet",
  cidr: "cidr",
};

const fieldsPattern = /^interval\s+((?:year|month|day|hour|minute|second)(?:\s+to\s+(?:month|hour|minute|second))?)\s*(?:\((\d+)\))?$/;

/** `character varying(10)`, `numeric(10,2)`, `timestamp(0) with time zone`, `int4`...; undefined if not a built-in type. */
export function parseType(text: string): SqlType | undefined {
  const t = text
    .trim()
    .replace(/^pg_catalog\./, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
  const fields = fieldsPattern.exec(t);
  if (fields) return { base: "interval", mods: fields[2] === undefined ? [] : [Number(fields[2])], fields: fields[1] };
  // The typmod sits after the name, or inside it: `timestamp(3) with time zone`.
  const m = /^([a-z][a-z0-9 ]*?)\s*(?:\((\d+)(?:\s*,\s*(\d+))?\))?((?: with(?:out)? time zone)?)$/.exec(t);
  if (!m) return undefined;
  const base = aliases[`${m[1]}${m[4]}`.trim()];
  if (base === undefined) return undefined;
  const mods = [m[2], m[3]].filter((x) => x !== undefined).map(Number);
  // `character` alone is character(1); float(p) is real up to 24 bits.
  if (base === "char" && m[1] !== "bpchar" && mods.length === 0) return { base, mods: [1] };
  if (m[1] === "float" && mods.length > 0) return { base: (mods[0] as number) <= 24 ? "real" : "double precision", mods: [] };
  if (mods.length > 0 && ["numeric", "varchar", "char", ...temporal].indexOf(base) < 0) return undefined;
  return { base, mods };
}
