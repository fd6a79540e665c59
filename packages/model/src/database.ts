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
}

function kind<const F extends string, S extends ObjectSpec>(field: F, yaml: string, spec: S, signature = false) {
  return { field, yaml, spec, signature } as const satisfies KindInfo<S>;
}

export const schemaKinds = [
  kind("tables", "table", k.tableSpec),
  kind("sequences", "sequence", k.sequenceSpec),
  kind("views", "view", k.viewSpec),
  kind("materializedViews", "materialized view", k.materializedViewSpec),
  kind("functions", "function", k.functionSpec, true),
  kind("procedures", "procedure", k.procedureSpec, true),
  kind("aggregates", "aggregate", k.aggregateSpec, true),
  kind("types", "type", k.typeSpec),
  kind("domains", "domain", k.domainSpec),
  kind("operators", "operator", k.operatorSpec, true),
  kind("operatorClasses", "operator class", k.operatorClassSpec),
  kind("operatorFamilies", "operator family", k.operatorFamilySpec),
  kind("collations", "collation", k.collationSpec),
  kind("conversions", "conversion", k.conversionSpec),
  kind("textSearchConfigurations", "text search configuration", k.textSearchConfigurationSpec),
  kind("textSearchDictionaries", "text search dictionary", k.textSearchDictionarySpec),
  kind("textSearchParsers", "text search parser", k.textSearchParserSpec),
  kind("textSearchTemplates", "text search template", k.textSearchTemplateSpec),
  kind("foreignTables", "foreign table", k.foreignTableSpec),
] as const;

export const topKinds = [
  kind("extensions", "extension", k.extensionSpec),
  kind("languages", "language", k.languageSpec),
  kind("casts", "cast", k.castSpec, true),
  kind("foreignDataWrappers", "foreign data wrapper", k.foreignDataWrapperSpec),
  kind("eventTriggers", "event trigger", k.eventTriggerSpec),
  kind("defaultPrivileges", "default privileges", k.defaultPrivilegesSpec),
  kind("publications", "publication", k.publicationSpec),
] as const;

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
};

export function emptyDatabase(): Database {
  return { schemas: {} };
}

export const schemaKindByYaml: ReadonlyMap<string, (typeof schemaKinds)[number]> = new Map(schemaKinds.map((kd) => [kd.yaml, kd]));
export const topKindByYaml: ReadonlyMap<string, (typeof topKinds)[number]> = new Map(topKinds.map((kd) => [kd.yaml, kd]));
