import { connect, resolveConnection, type Queryable, type Session } from "@pgvc/core";
import type { Statement } from "@pgvc/diff";
import { introspect, type IntrospectionOptions } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { compareModels } from "../check/compare.js";
import { fillTables, type FillResult } from "./rows.js";

/** Runs one direction of the migration as written, the way its tool runs it. */
export type DirectionRunner = (direction: "up" | "down") => Promise<void>;

/** A verification step that failed: which, what ran, and what went wrong. */
export interface VerifyFailure {
  step: "forward" | "reverse" | "forward again" | "rows";
  message: string;
  /** The statements still needed after the step, where the step ran but missed its target. */
  remaining?: string[];
}

export interface VerifyResult {
  fill: FillResult;
  failure?: VerifyFailure;
}

export interface VerifyOptions {
  /** The scratch database holding the state the migrations build now. */
  url: string;
  run: DirectionRunner;
  current: Database;
  target: Database;
  forward: readonly Statement[];
  introspection: IntrospectionOptions;
  /** Tables a migration tool keeps its history in: not filled with rows. */
  skipTables?: readonly string[];
}

/**
 * Prove a migration on the scratch database before it is written: fill the
 * tables with rows, run it forward (the database must then match
 * schema.yaml, and no table may lose rows unless a statement said it would),
 * back (it must match the state before), and forward again.
 */
export async function verifyMigration(options: VerifyOptions): Promise<VerifyResult> {
  const session = await connect(resolveConnection({ dbname: options.url }));
  try {
    const fill = await fillTables(session, 3, options.skipTables);
    const before = await rowCounts(session, [...fill.rows.keys()]);
    const fail = (failure: VerifyFailure): VerifyResult => ({ fill, failure });
    const forward = await runAndCompare(options, session, "up", options.target, "forward");
    if (forward) return fail(forward);
    const lost = await lostRows(session, before, options.forward);
    if (lost) return fail(lost);
    const reverse = await runAndCompare(options, session, "down", options.current, "reverse");
    if (reverse) return fail(reverse);
    const again = await runAndCompare(options, session, "up", options.target, "forward again");
    return again ? fail(again) : { fill };
  } finally {
    await session.close();
  }
}

async function runAndCompare(
  options: VerifyOptions,
  session: Session,
  direction: "up" | "down",
  expected: Database,
  step: VerifyFailure["step"],
): Promise<VerifyFailure | undefined> {
  try {
    await options.run(direction);
  } catch (error) {
    return { step, message: (error as Error).message };
  }
  const built = await introspect(session, options.introspection);
  const remaining = await compareModels(built, expected, { introspection: options.introspection, session });
  if (remaining.length === 0) return undefined;
  const goal = step === "reverse" ? "the state before the migration" : "schema.yaml";
  return {
    step,
    message: `after running the migration ${direction === "up" ? "forward" : "backward"}, the database does not match ${goal}`,
    remaining: remaining.map((s) => s.sql),
  };
}

/** A table that lost rows although no statement about it has a data-loss hazard. */
async function lostRows(
  session: Queryable,
  before: Map<string, number>,
  forward: readonly Statement[],
): Promise<VerifyFailure | undefined> {
  const { rows } = await session.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname || '.' || c.relname = ANY($1::text[])`,
    [[...before.keys()].map(unquoted)],
  );
  const still = new Set(rows.map((r) => r.name));
  const kept = [...before.keys()].filter((t) => still.has(unquoted(t)));
  const after = await rowCounts(session, kept);
  for (const table of kept) {
    const had = before.get(table) ?? 0;
    const has = after.get(table) ?? 0;
    if (has >= had || declaresLoss(forward, unquoted(table))) continue;
    return {
      step: "rows",
      message: `table ${table} had ${had} rows before the migration and ${has} after, although no statement is marked as losing data`,
    };
  }
  return undefined;
}

function declaresLoss(forward: readonly Statement[], table: string): boolean {
  return forward.some((s) => s.hazards.includes("data-loss") && (s.object === `table ${table}` || s.object.startsWith(`column ${table}.`)));
}

/** `app."Order"` → `app.Order`: the form statement references use. */
function unquoted(qualified: string): string {
  return qualified.replace(/"((?:[^"]|"")*)"/g, (_, name: string) => name.replace(/""/g, '"'));
}

async function rowCounts(session: Queryable, tables: readonly string[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const query = tables.map((t, i) => `SELECT ${i} AS i, count(*)::int AS n FROM ${t}`).join(" UNION ALL ");
  const { rows } = await session.query<{ i: number; n: number }>(query);
  return new Map(rows.map((r) => [tables[r.i] as string, r.n]));
}
