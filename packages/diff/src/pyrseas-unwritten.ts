import type { Cast, Database, Schema, Table } from "@pgvc/model";

/**
 * Objects Pyrseas's dbtoyaml never writes, so a file in its dialect says
 * nothing about them, and its absence from the file is no request to drop:
 *
 * - casts between built-in types whose function (if any) is built-in too
 *   (Pyrseas lists a cast only when a type or the function is outside the
 *   `pg_` schemas), such as a user's `CREATE CAST (text AS json)`;
 * - tables without columns (Pyrseas leaves out a table with none);
 * - a sequence's CYCLE;
 * - a function's PARALLEL (Pyrseas writes it for aggregates only);
 * - NOT VALID on a foreign key or check constraint.
 */
export function keepUnwrittenCasts(casts: Database["casts"], now: Database["casts"], kept: string[]): Database["casts"] {
  if (!now) return casts;
  const out: Record<string, Cast> = { ...casts };
  for (const [key, cast] of Object.entries(now)) {
    if (Object.hasOwn(out, key) || !builtinCast(key, cast)) continue;
    out[key] = cast;
    kept.push(`cast ${key}`);
  }
  return Object.keys(out).length > 0 ? out : casts;
}

function builtinCast(key: string, cast: Cast): boolean {
  const types = /^\((.+) as (.+)\)$/.exec(key);
  if (!types || (types[1] as string).includes(".") || (types[2] as string).includes(".")) return false;
  return cast.function === undefined || !cast.function.includes(".") || cast.function.startsWith("pg_catalog.");
}

/** The tables of `now` without columns (not partitions) that the file's schema leaves out. */
export function keepColumnlessTables(schemaName: string, schema: Schema, now: Schema, kept: string[]): Schema["tables"] {
  const out: Record<string, Table> = { ...schema.tables };
  let added = false;
  for (const [name, table] of Object.entries(now.tables ?? {})) {
    if (Object.hasOwn(out, name) || (table.columns?.length ?? 0) > 0 || table.partition_of !== undefined) continue;
    out[name] = table;
    added = true;
    kept.push(`table ${schemaName}.${name} (no columns)`);
  }
  return added ? out : schema.tables;
}

/** The file's sequences with CYCLE where the database's cycle (Pyrseas never writes it); undefined when none is. */
export function keepCycles(schemaName: string, schema: Schema, now: Schema, kept: string[]): Schema["sequences"] {
  if (!schema.sequences || !now.sequences) return undefined;
  const out = { ...schema.sequences };
  let added = false;
  for (const [name, sequence] of Object.entries(schema.sequences)) {
    const was = Object.hasOwn(now.sequences, name) ? now.sequences[name] : undefined;
    if (was?.cycle !== true || sequence.cycle !== undefined) continue;
    out[name] = { ...sequence, cycle: true };
    added = true;
    kept.push(`CYCLE of sequence ${schemaName}.${name}`);
  }
  return added ? out : undefined;
}

/** The file's functions with the database's PARALLEL SAFE or RESTRICTED; undefined when none has one. */
export function keepParallel(schemaName: string, schema: Schema, now: Schema, kept: string[]): Schema["functions"] {
  if (!schema.functions || !now.functions) return undefined;
  const out = { ...schema.functions };
  let added = false;
  for (const [key, fn] of Object.entries(schema.functions)) {
    const was = Object.hasOwn(now.functions, key) ? now.functions[key] : undefined;
    if (was?.parallel === undefined || was.parallel === "unsafe" || fn.parallel !== undefined) continue;
    out[key] = { ...fn, parallel: was.parallel };
    added = true;
    kept.push(`PARALLEL of function ${schemaName}.${key}`);
  }
  return added ? out : undefined;
}

/** `table` with NOT VALID on the constraints that are not validated in the database (`was`). */
export function keepNotValid(ref: string, table: Table, was: Table, kept: string[]): Table {
  const out: Table = { ...table };
  for (const key of ["foreign_keys", "check_constraints"] as const) {
    const mine = out[key];
    const theirs = was[key];
    if (!mine || !theirs) continue;
    const next: Record<string, (typeof mine)[string]> = { ...mine };
    for (const [name, constraint] of Object.entries(mine)) {
      if (!Object.hasOwn(theirs, name) || theirs[name]?.not_valid !== true || constraint.not_valid !== undefined) continue;
      next[name] = { ...constraint, not_valid: true };
      kept.push(`NOT VALID of constraint ${name} on ${ref}`);
    }
    (out as Record<string, unknown>)[key] = next;
  }
  return out;
}
