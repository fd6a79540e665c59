import type { Collation, Column, Database, Language, Schema, Table } from "@pgvc/model";
import { dialectOf } from "@pgvc/yaml";
import { readAsPyrseas } from "./pyrseas-read.js";
import { keepColumnlessTables, keepCycles, keepNotValid, keepParallel, keepUnwrittenCasts } from "./pyrseas-unwritten.js";

/**
 * A file in Pyrseas's dialect cannot describe some features of a database:
 * policies and row-level security, exclusion constraints (Pyrseas lists the
 * index behind one as a plain index), stored generated columns (Pyrseas
 * writes the expression as a default), ICU and nondeterministic collations
 * (Pyrseas writes their locales as null), extended statistics, replica
 * identity, per-column storage settings, text search configurations'
 * mappings and a language's handler functions. Compared as written, such a file
 * would drop them all. `keepUndescribed` takes them from the database
 * instead, so the comparison leaves them as they are, and says which.
 */
export interface Kept {
  /** The target with the database's undescribed features in it. */
  target: Database;
  /** What was taken from the database (`policies on app.acct`, ...), empty when nothing was. */
  kept: string[];
}

export function keepUndescribed(target: Database, current: Database): Kept {
  if (dialectOf(target) !== "pyrseas") return { target, kept: [] };
  const read = readAsPyrseas(target, current);
  const kept: string[] = [];
  const schemas: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(read.schemas)) {
    const now = Object.hasOwn(current.schemas, name) ? current.schemas[name] : undefined;
    schemas[name] = now ? keepInSchema(name, schema, now, kept) : schema;
  }
  const languages = keepLanguageHandlers(read.languages, current.languages, kept);
  const casts = keepUnwrittenCasts(read.casts, current.casts, kept);
  // Pyrseas has no publications: the database's stay.
  const publications = read.publications ?? current.publications;
  if (publications && !read.publications) kept.push(...Object.keys(publications).map((p) => `publication ${p}`));
  const also = { ...(languages ? { languages } : {}), ...(casts ? { casts } : {}), ...(publications ? { publications } : {}) };
  return { target: { ...read, schemas, ...also }, kept };
}

/**
 * Two sides of a comparison, either of them perhaps read from a file in
 * Pyrseas's dialect: what that file cannot describe is taken from the other
 * side (`pgvc diff`, `pgvc check`), as yamltodb takes it from the database.
 */
export function keepUndescribedBetween(from: Database, to: Database): { from: Database; to: Database; kept: string[] } {
  const target = keepUndescribed(to, from);
  const source = keepUndescribed(from, target.target);
  return { from: source.target, to: target.target, kept: [...target.kept, ...source.kept] };
}

/** The one warning a command prints when it kept something. */
export function keptWarning(kept: readonly string[]): string | undefined {
  if (kept.length === 0) return undefined;
  const shown = kept.length > 6 ? [...kept.slice(0, 6), `${kept.length - 6} more`] : kept;
  return (
    `the YAML is in Pyrseas's dialect (no key that only pgvc writes), which cannot describe ${shown.join(", ")}: ` +
    "they are left as the database has them (`pgvc yaml upgrade FILE DB` writes them into the file)"
  );
}

function keepInSchema(name: string, schema: Schema, now: Schema, kept: string[]): Schema {
  const out: Schema = { ...schema };
  const columnless = keepColumnlessTables(name, schema, now, kept);
  if (columnless) out.tables = columnless;
  // Pyrseas has no procedures and does not write a sequence's CYCLE.
  if (now.procedures && !schema.procedures) {
    out.procedures = now.procedures;
    kept.push(...Object.keys(now.procedures).map((p) => `procedure ${name}.${p}`));
  }
  const cycling = keepCycles(name, schema, now, kept);
  if (cycling) out.sequences = cycling;
  const parallel = keepParallel(name, schema, now, kept);
  if (parallel) out.functions = parallel;
  if (out.tables && now.tables) {
    const tables: Record<string, Table> = {};
    for (const [t, table] of Object.entries(out.tables)) {
      const was = Object.hasOwn(now.tables, t) ? now.tables[t] : undefined;
      tables[t] = was ? keepInTable(`${name}.${t}`, table, was, kept) : table;
    }
    out.tables = tables;
  }
  if (schema.textSearchConfigurations && now.textSearchConfigurations) {
    const configurations = { ...schema.textSearchConfigurations };
    for (const [c, config] of Object.entries(configurations)) {
      const was = Object.hasOwn(now.textSearchConfigurations, c) ? now.textSearchConfigurations[c] : undefined;
      if (!was?.mappings || config.mappings) continue;
      configurations[c] = { ...config, mappings: was.mappings };
      kept.push(`text search mappings of ${name}.${c}`);
    }
    out.textSearchConfigurations = configurations;
  }
  if (schema.collations && now.collations) {
    const collations: Record<string, Collation> = { ...schema.collations };
    for (const [c, collation] of Object.entries(schema.collations)) {
      const was = Object.hasOwn(now.collations, c) ? now.collations[c] : undefined;
      if (!was || ((was.provider ?? "libc") === "libc" && was.deterministic !== false)) continue;
      if (collation.lc_collate !== undefined || collation.provider !== undefined) continue;
      collations[c] = {
        ...collation,
        lc_collate: was.lc_collate,
        lc_ctype: was.lc_ctype,
        provider: was.provider,
        deterministic: was.deterministic,
      };
      kept.push(`collation ${name}.${c} (${was.provider ?? "libc"})`);
    }
    out.collations = collations;
  }
  return out;
}

function keepInTable(ref: string, table: Table, was: Table, kept: string[]): Table {
  const out: Table = keepNotValid(ref, table, was, kept);
  const take = <K extends keyof Table>(key: K, what: string): void => {
    if (was[key] === undefined || out[key] !== undefined) return;
    out[key] = was[key];
    kept.push(`${what} on ${ref}`);
  };
  take("policies", "policies");
  take("row_level_security", "row-level security");
  take("force_row_level_security", "forced row-level security");
  take("statistics", "extended statistics");
  take("replica_identity", "replica identity");
  take("replica_identity_index", "replica identity index");
  take("of_type", "OF type");
  if (was.exclusion_constraints && !out.exclusion_constraints) {
    out.exclusion_constraints = was.exclusion_constraints;
    // Pyrseas lists the index behind each exclusion constraint as a plain index.
    const names = new Set(Object.keys(was.exclusion_constraints));
    if (out.indexes) out.indexes = Object.fromEntries(Object.entries(out.indexes).filter(([n]) => !names.has(n)));
    kept.push(`exclusion constraints on ${ref}`);
  }
  if (out.columns && was.columns) out.columns = keepInColumns(ref, out.columns, was.columns, kept);
  return out;
}

function keepInColumns(ref: string, columns: Column[], was: Column[], kept: string[]): Column[] {
  const before = new Map(was.map((c) => [c.name, c]));
  return columns.map((column) => {
    const old = before.get(column.name);
    if (!old) return column;
    const next: Column = { ...column };
    if (old.generated !== undefined && next.generated === undefined) {
      // Pyrseas writes a stored generated column's expression as its default.
      delete next.default;
      next.generated = old.generated;
      kept.push(`generated column ${ref}.${column.name}`);
    }
    for (const key of ["storage", "compression", "options"] as const) {
      if (old[key] !== undefined && next[key] === undefined) (next as Record<string, unknown>)[key] = old[key];
    }
    return next;
  });
}

/** Pyrseas writes a language's name and trust, not its handler functions (it takes languages to be extensions'). */
function keepLanguageHandlers(languages: Database["languages"], now: Database["languages"], kept: string[]): Database["languages"] {
  if (!languages || !now) return languages;
  const out: Record<string, Language> = { ...languages };
  for (const [name, language] of Object.entries(languages)) {
    const was = Object.hasOwn(now, name) ? now[name] : undefined;
    if (was?.handler === undefined || language.handler !== undefined) continue;
    const { handler, inline, validator } = was;
    out[name] = { ...language, handler, ...(inline === undefined ? {} : { inline }), ...(validator === undefined ? {} : { validator }) };
    kept.push(`the handler of language ${name}`);
  }
  return out;
}
