/**
 * One DDL statement of a migration, with the structure that explains it:
 * what it does (`kind`), to which object (`object`, a reference string as
 * in @pgvc/model), what may go wrong (`hazards`) and what it needs to run
 * (`requires`). The SQL text is rendered by the object kind's differ.
 */
export type StatementKind = "create" | "alter" | "drop" | "rename" | "comment" | "grant" | "revoke" | "owner";

/**
 * - `data-loss`: rows or values are gone afterwards (DROP TABLE, DROP COLUMN, a narrowing type change).
 * - `rewrite`: PostgreSQL rewrites the whole table (most column type changes, a stored generated column).
 * - `lock`: a long exclusive lock on an existing table (a non-concurrent index build, validating a constraint).
 * - `irreversible`: the change cannot be undone by the reverse migration without losing information.
 * - `security`: rows become visible or writable to roles that could not see or write them
 *   (DROP POLICY, DISABLE or NO FORCE ROW LEVEL SECURITY).
 * - `integrity`: the database stops enforcing a rule on its data (DROP CONSTRAINT), also for
 *   the moment between the drop and the re-creation of a constraint.
 */
export type Hazard = "data-loss" | "rewrite" | "lock" | "irreversible" | "security" | "integrity";

/**
 * `rename` statements run first, so that later statements use the new
 * names. `drop` and `main` statements are ordered together by dependency
 * (see order.ts); the phase only breaks ties: a drop runs as early as what
 * it depends on allows.
 */
export const phases = ["rename", "drop", "main"] as const;
export type Phase = (typeof phases)[number];

export interface Statement {
  kind: StatementKind;
  /** The object the statement is about: `table app.orders`, `column app.orders.status`. */
  object: string;
  sql: string;
  hazards: Hazard[];
  phase: Phase;
  /**
   * References that must exist before this statement runs (in `main`), or
   * for a drop: references the dropped object depends on (so it is dropped
   * before them).
   */
  requires?: string[];
  /** References this statement creates, changes or removes; defaults to `[object]`. */
  provides?: string[];
  /**
   * References whose dependents (views, materialized views) must be
   * dropped before this statement and re-created after it, e.g. a column
   * whose type changes.
   */
  invalidates?: string[];
  /**
   * References on the old side this statement stops depending on beyond
   * those the engine infers: their drops come after it (`ALTER SEQUENCE
   * ... OWNED BY NONE` before the drop of the table that owned it).
   */
  releases?: string[];
  /** Cannot run inside a transaction block (CREATE INDEX CONCURRENTLY). */
  noTransaction?: boolean;
}

/** Shorthand used by the kind differs. */
export function statement(
  kind: StatementKind,
  object: string,
  sql: string,
  phase: Phase,
  extra: Partial<Pick<Statement, "hazards" | "requires" | "provides" | "invalidates" | "releases" | "noTransaction">> = {},
): Statement {
  return { kind, object, sql, phase, hazards: withSafetyHazards(sql, extra.hazards ?? []), ...withoutHazards(extra) };
}

const weakensSecurity = /^DROP POLICY\b|\b(DISABLE|NO FORCE) ROW LEVEL SECURITY\b/;
const dropsConstraint = /^ALTER (TABLE|DOMAIN|FOREIGN TABLE)\b[^;]*\bDROP CONSTRAINT\b/;

/** What a statement gives up, whichever kind wrote it: policies and row-level security, constraints. */
function withSafetyHazards(sql: string, hazards: Hazard[]): Hazard[] {
  const extra: Hazard[] = [];
  if (weakensSecurity.test(sql)) extra.push("security");
  if (dropsConstraint.test(sql)) extra.push("integrity");
  return extra.length === 0 ? hazards : [...hazards, ...extra.filter((h) => !hazards.includes(h))];
}

function withoutHazards<T extends { hazards?: unknown }>(extra: T): Omit<T, "hazards"> {
  const { hazards: _hazards, ...rest } = extra;
  return rest;
}

/**
 * What a script runs first when it creates routines: as pg_dump does,
 * bodies are not checked at CREATE, so a function may read a table or call
 * a function made later in the same script, and names in a body resolve
 * when it runs, as in the source database (by the routine's own
 * `SET search_path`, kept in `configuration`, or the caller's). Bodies
 * written `BEGIN ATOMIC` or `RETURN` are parsed at CREATE all the same:
 * the engine orders them after what they name.
 */
export const uncheckedBodies = "SET check_function_bodies = false";

/** The statements create or replace a function or procedure: the script starts with `uncheckedBodies`. */
export function createsRoutines(statements: readonly Statement[]): boolean {
  return statements.some((st) => routineCreate.test(st.sql));
}

const routineCreate = /^CREATE (?:OR REPLACE )?(?:FUNCTION|PROCEDURE)\b/;

/** The SQL text of statements, one per line block, each ending in a semicolon. */
export function toSql(statements: readonly Statement[], options: { hazards?: boolean } = {}): string {
  const head = createsRoutines(statements) ? `${uncheckedBodies};\n` : "";
  return (
    head +
    statements
      .map((st) => {
        const note = options.hazards && st.hazards.length > 0 ? `-- hazards: ${st.hazards.join(", ")}\n` : "";
        return `${note}${st.sql};\n`;
      })
      .join("")
  );
}
