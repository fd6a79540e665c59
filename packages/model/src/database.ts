import * as k from "./kinds.js";
import type { Infer, ObjectSpec } from "./spec.js";

/**
 * Where each kind lives and how YAML names it. A schema-level object is a
 * map entry `"<yaml> NAME"` inside `schema S`; a top-level one sits beside
 * the schemas. The model keeps each kind in its own collection, named by
 * `field`.
 */
export interface KindInfo<S extends ObjectSpec = ObjectSpec> {
  /** The YAML key prefix: `table`, `materialized view`, `text search configuration`. */
  readonly yaml: string;
  /** The collection in the model: `tables`, `materializedViews`. */
  readonly field: string;
  readonly spec: S;
  /** Whether the name carries identity arguments: `add(integer, integer)`. */
  readonly signature?: boolean;
  /** In the multiple-files layout, all objects of the kind share one file (`extension.yaml`), as Pyrseas writes them. */
  readonly sharedFile?: boolean;
}

function kind<const F extends string, S extends ObjectSpec>(
  field: F,
  yaml: string,
  spec: S,
  options: { signature?: boolean; sharedFile?: boolean } = {},
) {
  return {
    field,
    yaml,
    spec,
    signature: options.signature ?? false,
    sharedFile: options.sharedFile ?? false,
  } as const satisfies KindInfo<S>;
}

export const schemaKinds = [
  kind("tables", "table", k.tableSpec),
  kind("sequences", "sequence", k.sequenceSpec),
  kind("views", "view", k.viewSpec),
  kind("materializedViews", "materialized view", k.materializedViewSpec),
  kind("functions", "function", k.functionSpec, { signature: true }),
  kind("procedures", "procedure", k.procedureSpec, { signature: true }),
  kind("aggregates", "aggregate", k.aggregateSpec, { signature: true }),
  kind("types", "type", k.typeSpec),
  kind("domains", "domain", k.domainSpec),
  kind("operators", "operator", k.operatorSpec, { signature: true, sharedFile: true }),
  kind("operatorClasses", "operator class", k.operatorClassSpec, { sharedFile: true }),
  kind("operatorFamilies", "operator family", k.operatorFamilySpec, { sharedFile: true }),
  kind("collations", "collation", k.collationSpec, { sharedFile: true }),
  kind("conversions", "conversion", k.conversionSpec, { sharedFile: true }),
  kind("textSearchConfigurations", "text search configuration", k.textSearchConfigurationSpec, { sharedFile: true }),
  kind("textSearchDictionaries", "text search dictionary", k.textSearchDictionarySpec, { sharedFile: true }),
  kind("textSearchParsers", "text search parser", k.textSearchParserSpec, { sharedFile: true }),
  kind("textSearchTemplates", "text search template", k.textSearchTemplateSpec, { sharedFile: true }),
  kind("foreignTables", "foreign table", k.foreignTableSpec),
] as const;

export const topKinds = [
  kind("extensions", "extension", k.extensionSpec, { sharedFile: true }),
  kind("languages", "language", k.languageSpec, { sharedFile: true }),
  kind("casts", "cast", k.castSpec, { signature: true, sharedFile: true }),
  kind("foreignDataWrappers", "foreign data wrapper", k.foreignDataWrapperSpec, { sharedFile: true }),
  kind("eventTriggers", "event trigger", k.eventTriggerSpec),
  kind("defaultPrivileges", "default privileges", k.defaultPrivilegesSpec),
  kind("publications", "publication", k.publicationSpec),
] as const;

/**
 * Objects written inside another object's YAML entry: a relation's columns,
 * constraints, indexes, triggers, rules, policies and statistics, a foreign
 * data wrapper's servers and their user mappings. Their references name
 * them by their relation (`column app.orders.status`), in their schema
 * (`index app.orders_idx`: index names are the schema's), or alone
 * (`server files`).
 */
export const childKinds = [
  { kind: "column", scope: "relation" },
  { kind: "constraint", scope: "relation" },
  { kind: "index", scope: "schema" },
  { kind: "trigger", scope: "relation" },
  { kind: "rule", scope: "relation" },
  { kind: "policy", scope: "relation" },
  { kind: "statistics", scope: "relation" },
  { kind: "server", scope: "database" },
  { kind: "user mapping", scope: "database" },
] as const;

/** Every kind an object reference (`refs.ts`) can name: `schema`, the YAML kinds and the child kinds. */
export const refKinds: readonly string[] = [
  "schema",
  ...schemaKinds.map((kd) => kd.yaml),
  ...topKinds.map((kd) => kd.yaml),
  ...childKinds.map((c) => c.kind),
];

/** Kinds whose references name their relation: `trigger app.orders.audit`. */
export const relationChildKinds: ReadonlySet<string> = new Set(childKinds.filter((c) => c.scope === "relation").map((c) => c.kind));

/** Kinds whose references name no schema: `schema app`, `extension hstore`, `server files`. */
export const databaseKinds: ReadonlySet<string> = new Set([
  "schema",
  ...topKinds.map((kd) => kd.yaml),
  ...childKinds.filter((c) => c.scope === "database").map((c) => c.kind),
]);

type Collections<L extends readonly { field: string; spec: ObjectSpec }[]> = {
  [E in L[number] as E["field"]]?: Record<string, Infer<E["spec"]>>;
};

export type Schema = Infer<typeof k.schemaAttributesSpec> & Collections<typeof schemaKinds>;
export type SchemaKindField = (typeof schemaKinds)[number]["field"];
export type TopKindField = (typeof topKinds)[number]["field"];

/**
 * A whole database as pgvc sees it. `schemas` and the top-level
 * collections mirror the YAML document; `dependencies` is not written to
 * YAML: it records, for an object reference, the references it depends on
 * (from pg_depend when introspected), so the diff can order statements.
 */
export type Database = Collections<typeof topKinds> & {
  schemas: Record<string, Schema>;
  foreignDataWrappers?: Record<string, k.ForeignDataWrapper>;
  dependencies?: Record<string, string[]>;
  /** The server_version_num of the database it was read from (introspection only; never in YAML). */
  serverVersionNum?: number;
  /**
   * Introspection only, never in YAML: by partition (`schema.table`), the
   * copies PostgreSQL made on it of its parent's indexes, key constraints
   * and foreign keys, under the names it gave them. The YAML leaves them
   * out (the parent lists each once); a partition that is detached keeps
   * them as its own, so the diff needs their names.
   */
  partitionCopies?: Record<string, PartitionCopies>;
};

/** A partition's copies of its parent's indexes and constraints, as a table lists its own. */
export type PartitionCopies = Pick<k.Table, "indexes" | "primary_key" | "unique_constraints" | "exclusion_constraints" | "foreign_keys">;

export function emptyDatabase(): Database {
  return { schemas: {} };
}

export const schemaKindByYaml: ReadonlyMap<string, (typeof schemaKinds)[number]> = new Map(schemaKinds.map((kd) => [kd.yaml, kd]));
export const topKindByYaml: ReadonlyMap<string, (typeof topKinds)[number]> = new Map(topKinds.map((kd) => [kd.yaml, kd]));
