import { qualifiedName, quoteIdent, quoteLiteral, type Queryable } from "@pgvc/core";
import { readFillTables, type FillColumn, type FillForeignKey, type FillTable } from "./rows-catalog.js";

/** What filling a database did: rows per table, and the tables it could not fill with why. */
export interface FillResult {
  rows: Map<string, number>;
  unfilled: { table: string; reason: string }[];
}

/**
 * Fill every table with a few generated rows that satisfy its types, NOT
 * NULL and foreign keys, so that a migration verified on the result meets
 * data as it would in production: a NOT NULL column without a default, a
 * narrowing type or a new unique constraint fails here, not there. Values
 * follow each column's type category; CHECK constraints and triggers are
 * met by trying a second, plainer row, then text shaped like an e-mail
 * address, then NULLs; a row that still fails is
 * left out and reported. Parents are filled before the tables that
 * reference them. `skip` names tables (`schema.name`) to leave alone.
 */
export async function fillTables(db: Queryable, rowsPerTable = 3, skip: readonly string[] = []): Promise<FillResult> {
  const tables = fillOrder((await readFillTables(db)).filter((t) => !skip.includes(`${t.schema}.${t.name}`)));
  const result: FillResult = { rows: new Map(), unfilled: [] };
  await db.query("BEGIN");
  try {
    for (const table of tables) {
      const name = qualifiedName(table.schema, table.name);
      let inserted = 0;
      let lastError = "";
      for (let i = 1; i <= rowsPerTable; i++) {
        const error = await insertRow(db, table, i);
        if (error === undefined) inserted++;
        else lastError = error;
      }
      result.rows.set(name, inserted);
      if (inserted === 0) result.unfilled.push({ table: name, reason: lastError });
    }
    await db.query("COMMIT");
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return result;
}

/** Referenced tables first; a cycle or a self-reference keeps the catalog's order. */
export function fillOrder(tables: readonly FillTable[]): FillTable[] {
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const done = new Set<number>();
  const visiting = new Set<number>();
  const out: FillTable[] = [];
  const visit = (t: FillTable) => {
    if (done.has(t.oid) || visiting.has(t.oid)) return;
    visiting.add(t.oid);
    for (const key of t.foreignKeys) {
      const ref = byOid.get(key.refOid);
      if (ref && ref.oid !== t.oid) visit(ref);
    }
    visiting.delete(t.oid);
    done.add(t.oid);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

/** Try the row in each shape, each under a savepoint; the error of the last if none went in. */
async function insertRow(db: Queryable, table: FillTable, i: number): Promise<string | undefined> {
  let error = "";
  for (const shape of shapes) {
    const sql = insertStatement(table, i, shape);
    await db.query("SAVEPOINT pgvc_fill");
    try {
      await db.query(sql);
      await db.query("RELEASE SAVEPOINT pgvc_fill");
      return undefined;
    } catch (cause) {
      await db.query("ROLLBACK TO SAVEPOINT pgvc_fill");
      error = (cause as Error).message;
    }
  }
  return error;
}

/** The tries for a row: by type, plainer values, text shaped like an address (e-mail CHECKs are common), NULLs. */
const shapes = ["typed", "plain", "address", "nulls"] as const;
type Shape = (typeof shapes)[number];

export function insertStatement(table: FillTable, i: number, shape: Shape): string {
  const keyed = new Map<string, string>();
  for (const key of table.foreignKeys) {
    key.columns.forEach((column, k) => keyed.set(column, referencedValue(key, k, i)));
  }
  const names: string[] = [];
  const values: string[] = [];
  for (const column of table.columns) {
    const value = keyed.get(column.name) ?? columnValue(column, i, shape);
    if (value === undefined) continue;
    names.push(quoteIdent(column.name));
    values.push(value);
  }
  const target = qualifiedName(table.schema, table.name);
  return names.length === 0
    ? `INSERT INTO ${target} DEFAULT VALUES`
    : `INSERT INTO ${target} (${names.join(", ")}) VALUES (${values.join(", ")})`;
}

/** The k-th column of the i-th referenced row (the first when there are fewer). */
function referencedValue(key: FillForeignKey, k: number, i: number): string {
  const ref = qualifiedName(key.refSchema, key.refTable);
  const column = quoteIdent(key.refColumns[k] as string);
  const order = key.refColumns.map((c) => `r.${quoteIdent(c)}`).join(", ");
  const pick = (offset: number) =>
    `(SELECT r.${column} FROM ${ref} r WHERE r.${column} IS NOT NULL ORDER BY ${order} LIMIT 1 OFFSET ${offset})`;
  return `COALESCE(${pick(i - 1)}, ${pick(0)})`;
}

/** A value for a column, or undefined to leave it to its default. */
function columnValue(column: FillColumn, i: number, shape: Shape): string | undefined {
  if (column.filledByServer) return undefined;
  if (shape === "nulls" && !column.notNull) return "NULL";
  const literal =
    shape === "typed"
      ? typedLiteral(column, i)
      : shape === "address" && column.category === "S"
        ? `user${i}@example.com`
        : plainLiteral(column, i);
  if (literal === undefined) return column.notNull ? `NULL` : undefined;
  return `${quoteLiteral(literal)}::${column.type}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

function typedLiteral(column: FillColumn, i: number): string | undefined {
  if (column.enumLabels.length > 0) return column.enumLabels[(i - 1) % column.enumLabels.length];
  const byName = literalsByType[column.baseType];
  if (byName) return byName(i);
  return literalsByCategory[column.category]?.(i);
}

/** The second try: values that pass other usual CHECKs (large amounts, non-empty text). */
function plainLiteral(column: FillColumn, i: number): string | undefined {
  if (column.category === "N") return String(i * 1000);
  if (column.category === "S") return `x${i}`;
  return typedLiteral(column, i);
}

const literalsByType: Record<string, (i: number) => string> = {
  uuid: (i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  json: (i) => `{"n": ${i}}`,
  jsonb: (i) => `{"n": ${i}}`,
  bytea: (i) => `\\x${pad(i)}`,
  xml: (i) => `<r n="${i}"/>`,
  date: (i) => `2024-01-${pad(i)}`,
  timestamp: (i) => `2024-01-${pad(i)} 12:00:00`,
  timestamptz: (i) => `2024-01-${pad(i)} 12:00:00+00`,
  time: (i) => `12:00:${pad(i)}`,
  timetz: (i) => `12:00:${pad(i)}+00`,
  interval: (i) => `${i} days`,
  macaddr: (i) => `08:00:2b:01:02:${pad(i)}`,
  macaddr8: (i) => `08:00:2b:01:02:03:04:${pad(i)}`,
  tsvector: (i) => `word${i}`,
  tsquery: (i) => `word${i}`,
  point: (i) => `(${i},${i})`,
  bit: () => "1",
  varbit: (i) => (i % 2 === 0 ? "10" : "1"),
  money: (i) => String(i),
  oid: (i) => String(i),
};

const literalsByCategory: Record<string, (i: number) => string> = {
  N: (i) => String(i),
  S: (i) => String(i),
  B: (i) => (i % 2 === 0 ? "true" : "false"),
  I: (i) => `10.0.0.${i}`,
  A: () => "{}",
  R: () => "empty",
};
