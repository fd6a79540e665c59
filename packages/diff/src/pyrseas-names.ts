import type { Aggregate, Database, Function as Routine, Schema } from "@pgvc/model";

/**
 * Names Pyrseas writes without their schema, read as Pyrseas reads them:
 *
 * - an aggregate's state, final and moving functions are the aggregate's
 *   own schema's (Pyrseas unqualifies them and qualifies them back with it);
 * - an operator class's type and a text search configuration's parser are
 *   written unqualified when in the object's own schema;
 * - a text search dictionary's template is written as its bare name
 *   whatever its schema (Pyrseas creates it with that name, found on the
 *   search path): the template of that name the file defines, in the
 *   dictionary's schema first.
 *
 * - a range type's subtype is written by its catalog name (`float8`,
 *   without its schema): `double precision`, or the file's type of that name;
 * - the constructor functions PostgreSQL makes with a range type, which
 *   Pyrseas lists as functions, are the type's (pgvc leaves them to it).
 *
 * A bare name the file does not define keeps pgvc's meaning (pg_catalog's).
 */
export function qualifyPyrseasNames(name: string, schema: Schema, db: Database): Schema {
  const out: Schema = { ...schema };
  const own = (names: Iterable<string>, ref: string | undefined): string | undefined => {
    if (ref === undefined || ref.includes(".")) return ref;
    return [...names].includes(ref) ? `${name}.${ref}` : ref;
  };
  if (schema.aggregates) {
    const functions = new Set(Object.keys(schema.functions ?? {}).map((key) => key.slice(0, key.indexOf("("))));
    out.aggregates = mapValues(schema.aggregates, (agg) => withFunctions(agg, (ref) => own(functions, ref)));
  }
  if (schema.types) {
    const types = [...Object.keys(schema.types), ...Object.keys(schema.domains ?? {})];
    out.types = mapValues(schema.types, (t) =>
      t.subtype === undefined ? t : { ...t, subtype: own(types, sqlTypeNames.get(t.subtype) ?? t.subtype) ?? t.subtype },
    );
  }
  if (schema.functions) out.functions = withoutTypeConstructors(schema.functions);
  if (schema.operatorClasses) {
    const types = [...Object.keys(schema.types ?? {}), ...Object.keys(schema.domains ?? {})];
    out.operatorClasses = mapValues(schema.operatorClasses, (c) => ({ ...c, type: own(types, c.type) ?? c.type }));
  }
  if (schema.textSearchConfigurations) {
    const parsers = Object.keys(schema.textSearchParsers ?? {});
    out.textSearchConfigurations = mapValues(schema.textSearchConfigurations, (c) => ({
      ...c,
      parser: own(parsers, c.parser) ?? c.parser,
    }));
  }
  if (schema.textSearchDictionaries) {
    out.textSearchDictionaries = mapValues(schema.textSearchDictionaries, (d) => ({ ...d, template: templateOf(d.template, name, db) }));
  }
  return out;
}

const aggregateFunctions = ["sfunc", "finalfunc", "msfunc", "minvfunc", "mfinalfunc"] as const;

function withFunctions(agg: Aggregate, qualify: (ref: string | undefined) => string | undefined): Aggregate {
  const out: Aggregate = { ...agg };
  for (const key of aggregateFunctions) {
    const ref = qualify(agg[key]);
    if (ref !== undefined) out[key] = ref;
  }
  return out;
}

function templateOf(template: string, schemaName: string, db: Database): string {
  if (template.includes(".")) return template;
  const defines = (s: string): boolean => Object.hasOwn(db.schemas[s]?.textSearchTemplates ?? {}, template);
  const home = defines(schemaName) ? schemaName : Object.keys(db.schemas).find(defines);
  return home === undefined ? template : `${home}.${template}`;
}

/** Built-in types whose catalog name is not the name format_type gives them. */
const sqlTypeNames = new Map([
  ["int2", "smallint"],
  ["int4", "integer"],
  ["int8", "bigint"],
  ["float4", "real"],
  ["float8", "double precision"],
  ["bool", "boolean"],
  ["varchar", "character varying"],
  ["bpchar", "character"],
  ["varbit", "bit varying"],
  ["timestamptz", "timestamp with time zone"],
  ["timestamp", "timestamp without time zone"],
  ["timetz", "time with time zone"],
  ["time", "time without time zone"],
]);

const typeConstructor = /^(multi)?range_constructor\d+$/;

function withoutTypeConstructors(functions: Record<string, Routine>): Record<string, Routine> {
  return Object.fromEntries(
    Object.entries(functions).filter(([, fn]) => !(fn.language === "internal" && typeConstructor.test(fn.source ?? ""))),
  );
}

function mapValues<T>(record: Record<string, T>, map: (value: T) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
