import { databaseKinds, refKinds, relationChildKinds } from "./database.js";

/**
 * Object references: one string form names any object across the model,
 * for dependencies, rename hints and messages. It reads like the YAML key
 * with the schema in front: `table app.orders`, `function app.add(integer, integer)`,
 * `column app.orders.status`, `index app.orders_idx`, `schema app`, `extension hstore`.
 */
export interface ObjectRef {
  /** The YAML prefix of the kind (`table`, `materialized view`), or `column`, `constraint`, `index`, `trigger`, `policy`. */
  kind: string;
  schema?: string | undefined;
  /** For table children (columns, constraints, triggers, policies): the table. */
  table?: string | undefined;
  /** The name; for routines and operators with their identity arguments. */
  name: string;
}

export function formatRef(ref: ObjectRef): string {
  const path = [ref.schema, ref.table, ref.name].filter((p) => p !== undefined).join(".");
  return `${ref.kind} ${path}`;
}

// Kinds of several words first, longest first, so that `foreign table x` is not kind `foreign`.
const multiWordKinds = refKinds.filter((kind) => kind.includes(" ")).sort((a, b) => b.length - a.length);
const kindPattern = new RegExp(`^(${[...multiWordKinds, "[a-z]+"].join("|")}) (.+)$`);

/** Parse `kind schema.name`; names with dots must be written with the schema. */
export function parseRef(text: string): ObjectRef {
  const match = kindPattern.exec(text.trim());
  if (!match) throw new Error(`not an object reference: ${JSON.stringify(text)} (expected e.g. "table app.orders")`);
  const [, kind, path] = match as unknown as [string, string, string];
  if (databaseKinds.has(kind)) return { kind, name: path };
  // Arguments may contain dots (schema-qualified types): split only before "(".
  const paren = path.indexOf("(");
  const head = paren >= 0 ? path.slice(0, paren) : path;
  const tail = paren >= 0 ? path.slice(paren) : "";
  const parts = head.split(".");
  if (relationChildKinds.has(kind) && parts.length >= 3) {
    return { kind, schema: parts[0], table: parts[1], name: parts.slice(2).join(".") + tail };
  }
  if (parts.length >= 2) return { kind, schema: parts[0], name: parts.slice(1).join(".") + tail };
  return { kind, name: head + tail };
}
