import { indexSpec, operatorClassSpec, schemaKinds, serverSpec, topKinds, type KindInfo, type ObjectSpec, type Spec } from "@pgvc/model";

/**
 * How the model's attribute names meet the YAML keys. Nearly all are the
 * same; these few differ, or have a second spelling that Pyrseas accepts.
 */

/** Model field → YAML key, where they differ. */
const yamlNames = new Map<ObjectSpec, Record<string, string>>([[serverSpec, { user_mappings: "user mappings" }]]);

/** YAML key accepted on input → model field (aliases and renamed keys). */
const inputNames = new Map<ObjectSpec, Record<string, string>>([
  [serverSpec, { "user mappings": "user_mappings" }],
  [indexSpec, { columns: "keys" }],
]);

/** Maps keyed by numbers (operator class strategies and support functions), written as YAML integers as Pyrseas does. */
export const numberKeyedMaps: ReadonlySet<Spec> = new Set<Spec>([operatorClassSpec.fields.operators, operatorClassSpec.fields.functions]);

export function yamlKeyOf(spec: ObjectSpec, field: string): string {
  return yamlNames.get(spec)?.[field] ?? field;
}

export function fieldOfYamlKey(spec: ObjectSpec, key: string): string | undefined {
  const renames = inputNames.get(spec);
  if (renames && Object.hasOwn(renames, key)) return renames[key];
  // Own fields only: `toString:` or `constructor:` is an unknown attribute, not Object.prototype's.
  return Object.hasOwn(spec.fields, key) ? key : undefined;
}

/** The attribute keys a user may write for `spec`, for "did you mean". */
export function yamlKeysOf(spec: ObjectSpec): string[] {
  return Object.keys(spec.fields).map((f) => yamlKeyOf(spec, f));
}

export interface ObjectKey<K extends KindInfo = KindInfo> {
  kind: K;
  name: string;
}

/** Longest prefixes first, so `materialized view x` is not read as `view`, nor `operator class` as `operator`. */
function byLongestPrefix<K extends KindInfo>(kinds: readonly K[]): K[] {
  return [...kinds].sort((a, b) => b.yaml.length - a.yaml.length);
}

const schemaKindsByLength = byLongestPrefix(schemaKinds);
const topKindsByLength = byLongestPrefix(topKinds);

/** Split `"<object type> <name>"` against a list of kinds; undefined when no kind matches. */
export function parseObjectKey<K extends KindInfo>(key: string, kinds: readonly K[]): ObjectKey<K> | undefined {
  for (const kind of kinds) {
    if (key.startsWith(`${kind.yaml} `) && key.length > kind.yaml.length + 1) {
      return { kind, name: key.slice(kind.yaml.length + 1) };
    }
  }
  return undefined;
}

export function parseSchemaObjectKey(key: string) {
  return parseObjectKey(key, schemaKindsByLength);
}

export function parseTopObjectKey(key: string) {
  return parseObjectKey(key, topKindsByLength);
}

export function objectKey(kind: { yaml: string }, name: string): string {
  return `${kind.yaml} ${name}`;
}
