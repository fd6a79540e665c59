import { schemaKinds, topKinds } from "@pgvc/model";

/**
 * File names of the multiple-files layout, after Pyrseas: `<objtype>.<name>.yaml`,
 * lower-cased, non-word characters mapped to `_`, the name cut at 32
 * characters inside a schema (63 for a schema's own file). Some kinds keep
 * all their objects in one file per type (`extension.yaml`, `schema.app/operator.yaml`).
 */

/** Kinds whose objects share one file per type, as the model declares them. */
const oneFilePerType = new Set([...schemaKinds, ...topKinds].filter((kd) => kd.sharedFile).map((kd) => kd.yaml));

const schemaObjectNameLength = 32;
const identifierLength = 63;

function cut(text: string, length: number): string {
  return Array.from(text).slice(0, length).join("");
}

function fileName(objtype: string, name: string | undefined, length: number): string {
  if (name === undefined || oneFilePerType.has(objtype)) return `${objtype.replace(/ /g, "_")}.yaml`.toLowerCase();
  return `${objtype}.${cut(name.replace(/[^\p{L}\p{N}_]/gu, "_"), length)}.yaml`.toLowerCase();
}

/** The name an object's file is named after: routines without their arguments, so overloads share a file. */
export function baseName(name: string, signature: boolean): string {
  if (!signature) return name;
  const paren = name.indexOf("(");
  return paren > 0 ? name.slice(0, paren) : name;
}

/** A top-level object's file, relative to the metadata directory. */
export function topObjectFile(objtype: string, name: string): string {
  return fileName(objtype, name, identifierLength);
}

/** A schema's own file, relative to the metadata directory. */
export function schemaFile(schema: string): string {
  return fileName("schema", schema, identifierLength);
}

/** The directory of a schema's objects: the schema file without `.yaml`. */
export function schemaDirectory(schema: string): string {
  return schemaFile(schema).slice(0, -".yaml".length);
}

/** A schema object's file, relative to the metadata directory. */
export function schemaObjectFile(schema: string, objtype: string, name: string): string {
  return `${schemaDirectory(schema)}/${fileName(objtype, name, schemaObjectNameLength)}`;
}

export function indexFile(dbname: string): string {
  return `database.${dbname}.yaml`;
}
