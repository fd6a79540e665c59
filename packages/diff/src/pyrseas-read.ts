import type { Cast, Column, Database, Function as Routine, IndexKey, Schema, Table } from "@pgvc/model";
import { qualifyPyrseasNames } from "./pyrseas-names.js";

/**
 * Values that Pyrseas writes differently from pgvc, read as Pyrseas's own
 * reader reads them, so that a Pyrseas file compared with the database it
 * was written from gives no statement:
 *
 * - a column's collation is written unqualified (Pyrseas's COLLATE "name"
 *   finds it on the search path): it is the collation of that name the file
 *   defines, in the table's schema first;
 * - a partition written without `columns:` has its parent's columns;
 * - a trigger function written unqualified is a built-in one (Pyrseas
 *   qualifies every other): `tsvector_update_trigger` is pg_catalog's;
 * - function sources whose lines Pyrseas stripped of trailing blanks are the
 *   database's source when they differ from it only by those blanks;
 * - casts Pyrseas lists that belong to an extension (a type of the cast is
 *   schema-qualified and defined nowhere in the file) are the extension's;
 * - an index key written as a quoted identifier (`'"timestamp"'`) is that column;
 * - names written without their schema (an aggregate's functions, a text
 *   search dictionary's template...) as in `qualifyPyrseasNames`.
 */
export function readAsPyrseas(target: Database, current: Database): Database {
  const defined = definedCollations(target);
  const schemas: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(target.schemas)) {
    const now = Object.hasOwn(current.schemas, name) ? current.schemas[name] : undefined;
    schemas[name] = qualifyPyrseasNames(name, readSchema(name, schema, now, defined), target);
  }
  const out: Database = { ...target, schemas };
  if (target.casts) out.casts = withoutExtensionCasts(target, current);
  return out;
}

function readSchema(name: string, schema: Schema, now: Schema | undefined, collations: Map<string, string[]>): Schema {
  const out: Schema = { ...schema };
  if (schema.tables) {
    const tables: Record<string, Table> = {};
    for (const [t, table] of Object.entries(schema.tables)) tables[t] = readTable(name, table, schema, collations);
    out.tables = tables;
  }
  if (schema.functions && now?.functions) out.functions = withDatabaseSources(schema.functions, now.functions);
  return out;
}

function readTable(schemaName: string, table: Table, schema: Schema, collations: Map<string, string[]>): Table {
  const out: Table = { ...table };
  if (!out.columns && out.partition_of !== undefined) {
    const parent = out.partition_of.includes(".") ? undefined : schema.tables?.[out.partition_of];
    if (parent?.columns) out.columns = parent.columns.map((c) => inheritedColumn(c));
  }
  if (out.columns) out.columns = out.columns.map((c) => qualifiedCollation(c, schemaName, collations));
  if (out.indexes)
    out.indexes = Object.fromEntries(Object.entries(out.indexes).map(([n, index]) => [n, { ...index, keys: index.keys.map(unquotedKey) }]));
  if (out.triggers) {
    const triggers = { ...out.triggers };
    for (const [n, trigger] of Object.entries(triggers)) {
      const proc = trigger.procedure;
      if (typeof proc === "object" && !proc.name.includes("."))
        triggers[n] = { ...trigger, procedure: { ...proc, name: `pg_catalog.${proc.name}` } };
      else if (typeof proc === "string" && !proc.includes(".")) triggers[n] = { ...trigger, procedure: `pg_catalog.${proc}` };
    }
    out.triggers = triggers;
  }
  return out;
}

const quotedIdentifier = /^"((?:[^"]|"")+)"$/;

/** An index key Pyrseas writes as a quoted identifier (a column named by a keyword, `"timestamp"`) is that column. */
function unquotedKey(key: IndexKey): IndexKey {
  const unquote = (text: string): string => quotedIdentifier.exec(text)?.[1]?.replace(/""/g, '"') ?? text;
  if (typeof key === "string") return unquote(key);
  return Object.fromEntries(Object.entries(key).map(([name, options]) => [unquote(name), options]));
}

function inheritedColumn(column: Column): Column {
  const { description: _d, privileges: _p, oldname: _o, ...rest } = column;
  return { ...rest, inherited: true };
}

function qualifiedCollation(column: Column, schemaName: string, collations: Map<string, string[]>): Column {
  const name = column.collation;
  if (name === undefined || name.includes(".") || name.includes('"')) return column;
  const schemas = collations.get(name);
  if (!schemas) return column;
  const home = schemas.includes(schemaName) ? schemaName : schemas[0];
  return { ...column, collation: `${home}.${name}` };
}

/** Collation name -> the schemas of the file that define one of that name. */
function definedCollations(db: Database): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [schema, s] of Object.entries(db.schemas)) {
    for (const name of Object.keys(s.collations ?? {})) out.set(name, [...(out.get(name) ?? []), schema]);
  }
  return out;
}

const trailingBlanks = (text: string): string => text.replace(/[ \t]+$/gm, "");

function withDatabaseSources(wanted: Record<string, Routine>, now: Record<string, Routine>): Record<string, Routine> {
  const out: Record<string, Routine> = { ...wanted };
  for (const [key, fn] of Object.entries(wanted)) {
    const was = Object.hasOwn(now, key) ? now[key] : undefined;
    if (fn.source === undefined || was?.source === undefined || fn.source === was.source) continue;
    if (trailingBlanks(fn.source) === trailingBlanks(was.source)) out[key] = { ...fn, source: was.source };
  }
  return out;
}

function withoutExtensionCasts(target: Database, current: Database): Record<string, Cast> {
  const types = new Set<string>();
  for (const [schema, s] of Object.entries(target.schemas)) {
    for (const name of [...Object.keys(s.types ?? {}), ...Object.keys(s.domains ?? {})]) types.add(`${schema}.${name}`);
  }
  const foreign = (type: string): boolean => type.includes(".") && !types.has(type.replace(/\[\]$/, ""));
  const out: Record<string, Cast> = {};
  for (const [key, cast] of Object.entries(target.casts ?? {})) {
    const match = /^\((.+) as (.+)\)$/.exec(key);
    const listed = current.casts !== undefined && Object.hasOwn(current.casts, key);
    if (!listed && match && (foreign(match[1] as string) || foreign(match[2] as string))) continue;
    out[key] = cast;
  }
  return out;
}
