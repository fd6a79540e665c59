import { schemaAttributesSpec, serverSpec, foreignDataWrapperSpec } from "./kinds.js";
import { schemaKinds, topKinds, type Database, type Schema } from "./database.js";
import { privilegesSpec } from "./privileges.js";
import type { ObjectSpec, Spec } from "./spec.js";

/**
 * One canonical form of a model: attributes at their declared default and
 * empty collections removed, privileges sorted by grantee. Two models of the
 * same schema, one read from YAML and one introspected, are then equal
 * under deep equality.
 */

/** Structural equality of plain JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Does `value` have the shape `spec` declares? (Used to pick a union's option.) */
export function conforms(spec: Spec, value: unknown): boolean {
  switch (spec.t) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "enum":
      return typeof value === "string" && spec.values.includes(value);
    case "nullable":
      return value === null || conforms(spec.inner, value);
    case "list":
      return Array.isArray(value) && value.every((v) => conforms(spec.item, v));
    case "map":
      return isRecord(value) && Object.values(value).every((v) => conforms(spec.value, v));
    case "namedList":
      return Array.isArray(value) && value.every((v) => isRecord(v) && typeof v.name === "string" && conforms(spec.entry, withoutName(v)));
    case "object":
      return isRecord(value) && conformsObject(spec, value);
    case "union":
      return spec.options.some((o) => conforms(o, value));
  }
}

function conformsObject(spec: ObjectSpec, value: Record<string, unknown>): boolean {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const field = spec.fields[key];
    if (!field || !conforms(field, v)) return false;
  }
  return spec.required.every((r) => value[r] !== undefined);
}

function withoutName(entry: Record<string, unknown>): Record<string, unknown> {
  const { name: _name, ...rest } = entry;
  return rest;
}

function isEmptyCollection(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
}

/** The canonical form of one value of `spec` (see the module comment). */
export function normalizeValue(spec: Spec, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (spec.t) {
    case "nullable":
      return normalizeValue(spec.inner, value);
    case "list": {
      const items = (value as unknown[]).map((v) => normalizeValue(spec.item, v));
      return spec === privilegesSpec ? sortByFirstKey(items as Record<string, unknown>[]) : items;
    }
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalizeValue(spec.value, v)]));
    case "namedList":
      // `{ name, ...normalizeObject(entry without its name) }`, without the two copies.
      return (value as Record<string, unknown>[]).map((entry) => normalizeObject(spec.entry, entry, "name"));
    case "object":
      return normalizeObject(spec, value as Record<string, unknown>);
    case "union": {
      const option = spec.options.find((o) => conforms(o, value));
      return option ? normalizeValue(option, value) : value;
    }
    default:
      return value;
  }
}

/**
 * Drop attributes at their declared default and empty optional collections; keep unknown keys as they are.
 * `name` (a named list's entry name) is kept first and as it is.
 */
export function normalizeObject(spec: ObjectSpec, value: Record<string, unknown>, name?: "name"): Record<string, unknown> {
  const out: Record<string, unknown> = name === undefined ? {} : { name: value.name };
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined || key === name) continue;
    const field = spec.fields[key];
    if (!field) {
      out[key] = v;
      continue;
    }
    if (key in spec.defaults && deepEqual(v, spec.defaults[key])) continue;
    const normalized = normalizeValue(field, v);
    if (isEmptyCollection(normalized) && field.t !== "object" && !spec.required.includes(key)) continue;
    out[key] = normalized;
  }
  return out;
}

/** Privilege lists and other one-key-map lists sorted by that key (code point order; a stable sort). */
export function sortByFirstKey<T extends Record<string, unknown>>(items: T[]): T[] {
  const keyOf = (item: T) => Object.keys(item).sort(compareCodePoints)[0] ?? "";
  return [...items].sort((a, b) => compareCodePoints(keyOf(a), keyOf(b)));
}

/** Compare strings by Unicode code point, as Python's sort does (PyYAML sorts keys so). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done && cb.done ? 0 : ca.done ? -1 : 1;
    const d = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

function normalizeCollection(spec: ObjectSpec, objects: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(objects).map(([name, obj]) => [name, normalizeObject(spec, obj as Record<string, unknown>)]));
}

function normalizeSchema(schema: Schema): Schema {
  const out = normalizeObject(schemaAttributesSpec, pick(schema, Object.keys(schemaAttributesSpec.fields)));
  const source = schema as Record<string, unknown>;
  for (const kd of schemaKinds) {
    const objects = source[kd.field] as Record<string, unknown> | undefined;
    if (objects && Object.keys(objects).length > 0) out[kd.field] = normalizeCollection(kd.spec, objects);
  }
  return out;
}

function pick(value: object, keys: string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

function normalizeForeignDataWrapper(fdw: Record<string, unknown>): Record<string, unknown> {
  const { servers, ...attributes } = fdw;
  const out = normalizeObject(foreignDataWrapperSpec, attributes);
  if (isRecord(servers) && Object.keys(servers).length > 0) out.servers = normalizeCollection(serverSpec, servers);
  return out;
}

/**
 * The canonical form of a whole database (a new object; the input is not
 * changed). Object collections that are empty are removed; an object with
 * no attributes stays, as `{}`.
 */
export function normalizeDatabase(db: Database): Database {
  const out: Record<string, unknown> = {
    schemas: Object.fromEntries(Object.entries(db.schemas).map(([name, schema]) => [name, normalizeSchema(schema)])),
  };
  const source = db as Record<string, unknown>;
  for (const kd of topKinds) {
    const objects = source[kd.field] as Record<string, Record<string, unknown>> | undefined;
    if (!objects || Object.keys(objects).length === 0) continue;
    out[kd.field] =
      kd.field === "foreignDataWrappers"
        ? Object.fromEntries(Object.entries(objects).map(([n, o]) => [n, normalizeForeignDataWrapper(o)]))
        : normalizeCollection(kd.spec, objects);
  }
  if (db.dependencies && Object.keys(db.dependencies).length > 0) out.dependencies = db.dependencies;
  if (db.serverVersionNum !== undefined) out.serverVersionNum = db.serverVersionNum;
  if (db.partitionCopies !== undefined) out.partitionCopies = db.partitionCopies;
  return out as Database;
}
