import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from "yaml";
import {
  compareCodePoints,
  conforms,
  foreignDataWrapperSpec,
  normalizeObject,
  schemaAttributesSpec,
  schemaKinds,
  serverSpec,
  topKinds,
  type Database,
  type ObjectSpec,
  type Schema,
  type Spec,
} from "@pgvc/model";
import { numberKeyedMaps, objectKey, yamlKeyOf } from "./layout.js";
import { inlineString, numberValue, stringValue, toStringOptions } from "./scalars.js";
import { headerFor } from "./dialect.js";
import { pyrseasBounds } from "./sequence-bounds.js";
import { emitDocument, nodeValue, objectEntries as emitObjectEntries, Writer, type EmitEntry, type Lazy } from "./emit.js";

/**
 * Canonical emission: the model is normalized (defaults and empty
 * collections left out, privileges by grantee), then every map is written
 * with its keys in code point order and every list in its given order, with
 * scalar styles chosen by rule, never by the library's defaults.
 */

export type Entry = [key: string, value: Node];

export interface WriteOptions {
  /**
   * The document is a whole schema file (dbtoyaml, fmt, upgrade): it opens
   * with the dialect line when `db` is in pgvc's dialect (dialect.ts). A
   * fragment (an object shown in a report) leaves it out.
   */
  file?: boolean | undefined;
}

/** The whole database as one YAML document, byte-identical for equal models. */
export function writeSchemaYaml(db: Database, options: WriteOptions = {}): string {
  const chunks: string[] = [];
  writeSchemaYamlTo(db, (chunk) => chunks.push(chunk), options);
  return chunks.join("");
}

/** The same document handed to `sink` in chunks as it is written, for output too large to hold twice. */
export function writeSchemaYamlTo(db: Database, sink: (chunk: string) => void, options: WriteOptions = {}): void {
  const writer = new Writer(sink);
  if (options.file) writer.write(headerFor(db));
  emitDocument(databaseEmitEntries(db), writer);
}

/** An object normalized (as `normalizeDatabase` does) when it is written, so no normalized copy of the whole model is held. */
function normalizedObject(spec: ObjectSpec, value: Record<string, unknown>): Lazy {
  return () => ({ map: emitObjectEntries(spec, normalizeObject(spec, value)) });
}

/** `databaseEntries` of the normalized database for the direct emitter (`emit.ts`): each object is resolved when it is written. */
function databaseEmitEntries(db: Database): EmitEntry[] {
  const entries: EmitEntry[] = [];
  for (const [name, schema] of Object.entries(db.schemas)) {
    entries.push([`schema ${name}`, () => ({ map: schemaEmitEntries(schema) })]);
  }
  const source = db as Record<string, unknown>;
  for (const kd of topKinds) {
    const objects = (source[kd.field] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, value] of Object.entries(objects)) {
      entries.push([
        objectKey(kd, name),
        kd.field === "foreignDataWrappers" ? () => ({ map: fdwEmitEntries(value) }) : normalizedObject(kd.spec, value),
      ]);
    }
  }
  return entries;
}

function schemaEmitEntries(schema: Schema): EmitEntry[] {
  const entries = emitObjectEntries(schemaAttributesSpec, normalizeObject(schemaAttributesSpec, schemaAttributes(schema)));
  for (const kd of schemaKinds) {
    const objects = ((schema as Record<string, unknown>)[kd.field] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, value] of Object.entries(objects))
      entries.push([objectKey(kd, name), normalizedObject(kd.spec, asWritten(kd.field, value))]);
  }
  return entries;
}

function fdwEmitEntries(fdw: Record<string, unknown>): EmitEntry[] {
  const { servers, ...attributes } = fdw;
  const entries = emitObjectEntries(foreignDataWrapperSpec, normalizeObject(foreignDataWrapperSpec, attributes));
  for (const [name, server] of Object.entries((servers ?? {}) as Record<string, Record<string, unknown>>)) {
    entries.push([`server ${name}`, normalizedObject(serverSpec, server)]);
  }
  return entries;
}

/** Render top-level entries as a document (used for multiple files), through the direct emitter. */
export function renderEntries(entries: Entry[]): string {
  const chunks: string[] = [];
  emitDocument(
    entries.map(([key, node]): EmitEntry => [key, () => nodeValue(node)]),
    new Writer((chunk) => chunks.push(chunk)),
  );
  return chunks.join("");
}

/** The same document rendered by the yaml library: what the direct emitter must match (tests compare them). */
export function renderEntriesWithLibrary(entries: Entry[]): string {
  const doc = new Document();
  doc.contents = mapNode(entries);
  return doc.toString(toStringOptions);
}

/** Top-level entries of a normalized database: `schema NAME`, `extension NAME`, ... */
export function databaseEntries(db: Database): Entry[] {
  const entries: Entry[] = [];
  for (const [name, schema] of Object.entries(db.schemas)) entries.push([`schema ${name}`, schemaNode(schema)]);
  const source = db as Record<string, unknown>;
  for (const kd of topKinds) {
    const objects = (source[kd.field] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, value] of Object.entries(objects)) {
      const node = kd.field === "foreignDataWrappers" ? foreignDataWrapperNode(value) : objectNode(kd.spec, value);
      entries.push([objectKey(kd, name), node]);
    }
  }
  return entries;
}

/** A schema: its own attributes and `KIND NAME` entries for its objects, sorted together. */
export function schemaNode(schema: Schema): YAMLMap {
  const entries = objectEntries(schemaAttributesSpec, schemaAttributes(schema));
  for (const kd of schemaKinds) {
    const objects = ((schema as Record<string, unknown>)[kd.field] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, value] of Object.entries(objects))
      entries.push([objectKey(kd, name), objectNode(kd.spec, asWritten(kd.field, value))]);
  }
  return mapNode(entries);
}

/** A schema object as it is written: a sequence's bounds as Pyrseas writes them (sequence-bounds.ts). */
export function asWritten(field: string, value: Record<string, unknown>): Record<string, unknown> {
  return field === "sequences" ? pyrseasBounds(value) : value;
}

/** The schema's own attributes (owner, privileges, ...), without its objects. */
export function schemaAttributes(schema: Schema): Record<string, unknown> {
  const source = schema as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(schemaAttributesSpec.fields)
      .filter((k) => source[k] !== undefined)
      .map((k) => [k, source[k]]),
  );
}

export function foreignDataWrapperNode(fdw: Record<string, unknown>): YAMLMap {
  const { servers, ...attributes } = fdw;
  const entries = objectEntries(foreignDataWrapperSpec, attributes);
  for (const [name, server] of Object.entries((servers ?? {}) as Record<string, Record<string, unknown>>)) {
    entries.push([`server ${name}`, objectNode(serverSpec, server)]);
  }
  return mapNode(entries);
}

export function objectNode(spec: ObjectSpec, value: Record<string, unknown>): YAMLMap {
  return mapNode(objectEntries(spec, value));
}

function objectEntries(spec: ObjectSpec, value: Record<string, unknown>): Entry[] {
  const entries: Entry[] = [];
  for (const [field, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const fieldSpec = spec.fields[field];
    if (!fieldSpec) throw new Error(`the model holds an attribute no kind declares: ${JSON.stringify(field)}`);
    entries.push([yamlKeyOf(spec, field), valueNode(fieldSpec, v)]);
  }
  return entries;
}

/** A block map with keys in code point order; an empty one is written `{}`. */
export function mapNode(entries: Entry[]): YAMLMap {
  const map = new YAMLMap();
  const sorted = [...entries].sort(([a], [b]) => compareCodePoints(a, b));
  for (const [key, value] of sorted) map.items.push(new Pair(inlineString(key), value));
  map.flow = map.items.length === 0;
  return map;
}

/** Keys like `1` written as YAML integers, in numeric order, as Pyrseas writes strategy numbers; they read back as the same text. */
function numberKeys(map: YAMLMap): void {
  const numeric = (pair: Pair) => {
    const key = (pair.key as Scalar).value;
    return typeof key === "string" && /^(?:0|[1-9][0-9]{0,14})$/.test(key) ? Number(key) : undefined;
  };
  if (!map.items.every((pair) => numeric(pair) !== undefined)) return;
  for (const pair of map.items) pair.key = numberValue(numeric(pair) as number);
  map.items.sort((a, b) => ((a.key as Scalar).value as number) - ((b.key as Scalar).value as number));
}

function seqNode(items: Node[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.items.push(...items);
  seq.flow = items.length === 0;
  return seq;
}

function valueNode(spec: Spec, value: unknown): Node {
  switch (spec.t) {
    case "string":
    case "enum":
      return stringValue(String(value));
    case "boolean":
      return new Scalar(value);
    case "integer":
    case "number":
      return numberValue(value as number);
    case "nullable":
      return value === null ? new Scalar(null) : valueNode(spec.inner, value);
    case "list":
      return seqNode((value as unknown[]).map((item) => valueNode(spec.item, item)));
    case "map": {
      const map = mapNode(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, valueNode(spec.value, v)]));
      if (numberKeyedMaps.has(spec)) numberKeys(map);
      return map;
    }
    case "namedList":
      return seqNode(
        (value as Record<string, unknown>[]).map(({ name, ...attrs }) => mapNode([[String(name), objectNode(spec.entry, attrs)]])),
      );
    case "object":
      return objectNode(spec, value as Record<string, unknown>);
    case "union": {
      const option = spec.options.find((o) => conforms(o, value));
      if (!option) throw new Error(`a model value fits none of its declared forms: ${JSON.stringify(value)}`);
      return valueNode(option, value);
    }
  }
}
