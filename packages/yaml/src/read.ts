import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair, type YAMLError } from "yaml";
import {
  emptyDatabase,
  foreignDataWrapperSpec,
  schemaAttributesSpec,
  schemaKinds,
  serverSpec,
  topKinds,
  userMappingSpec,
  type Database,
  type Schema,
} from "@pgvc/model";
import { InputError } from "@pgvc/core";
import { readCanonical } from "./canonical.js";
import { hasDialectLine, markPgvcDialect, markReadFromYaml, pgvcOnlyKinds } from "./dialect.js";
import { parseSchemaObjectKey, parseTopObjectKey } from "./layout.js";
import { boundsAsRead } from "./sequence-bounds.js";
import { NodeReader, setEntry } from "./nodes.js";
import { closest, levenshtein } from "./suggest.js";

/**
 * Read a schema document in the Pyrseas format (what Pyrseas 0.10 writes or
 * accepts, plus pgvc's additions) into the model. Every problem in the file
 * is collected; one InputError lists them all, each with file:line:column.
 */
export function readSchemaYaml(text: string, file: string): Database {
  const db = emptyDatabase();
  mergeSchemaYaml(db, text, file);
  return db;
}

/**
 * As readSchemaYaml, for a file that says what a whole database should be:
 * an empty document (no bytes, only comments, `null`) is refused unless
 * `allowEmpty`, since read as "no objects" it would drop everything.
 */
export function readSchemaSpec(text: string, file: string, options: { allowEmpty?: boolean } = {}): Database {
  const db = emptyDatabase();
  if (!mergeSchemaYaml(db, text, file) && !options.allowEmpty) {
    throw new InputError(`no schema in this document (${whyEmpty(text)})`, {
      location: { file },
      hints: ["an empty schema would drop every object of the database; if that is what you want, say so with --allow-empty"],
    });
  }
  return db;
}

function whyEmpty(text: string): string {
  if (text.trim() === "") return "it is empty";
  return text.split("\n").every((line) => /^\s*(#.*)?$/.test(line)) ? "it holds only comments" : "it is null";
}

/** Parse a YAML text, reporting syntax errors and duplicate keys; returns the reader and the root node. */
export function parseYaml(text: string, file: string): { reader: NodeReader; root: Node | null } {
  // The writer's own subset is read directly; anything else (and every syntax error) goes through the library.
  const canonical = readCanonical(text);
  if (canonical) return { reader: new NodeReader(file, canonical.doc, canonical.lines), root: canonical.root };
  const lines = new LineCounter();
  // Duplicate keys are found by NodeReader.pairsOf, in linear time.
  const doc = parseDocument(text, { version: "1.1", lineCounter: lines, uniqueKeys: false, prettyErrors: true, intAsBigInt: true });
  const reader = new NodeReader(file, doc, lines);
  for (const error of doc.errors) reportYamlError(reader, error);
  reader.throwIfProblems();
  return { reader, root: reader.resolve(doc.contents) };
}

/** The library's messages, without its position suffix, and in our words where they would name its API. */
const yamlMessages: Partial<Record<YAMLError["code"], string>> = {
  MULTIPLE_DOCS: "malformed YAML: a schema file holds one document, this one has several (separated by ---)",
};

function reportYamlError(reader: NodeReader, error: YAMLError): void {
  const message = (error.message.split(" at line ")[0] ?? error.message).trim();
  reader.report(yamlMessages[error.code] ?? `malformed YAML: ${message}`, error.pos[0]);
}

/**
 * Read `text` and add its objects to `db` (the multiple-files reader calls
 * it once per file). Returns false when the document is empty or null.
 */
export function mergeSchemaYaml(db: Database, text: string, file: string): boolean {
  const { reader, root } = parseYaml(text, file);
  const present = root !== null && !(isScalar(root) && root.value === null);
  if (present) {
    if (isMap(root)) {
      const mappings: PendingMapping[] = [];
      for (const pair of reader.pairsOf(root)) readTopEntry(reader, db, pair, mappings);
      for (const mapping of mappings) attachUserMapping(reader, db, mapping);
    } else {
      reader.report(
        `expected a map of objects ("schema NAME:", "extension NAME:", ...), received ${reader.received(root)}`,
        reader.offsetOf(root, 0),
      );
    }
  }
  reader.throwIfProblems();
  noteDialect(db, reader, text);
  return present;
}

function noteDialect(db: Database, reader: NodeReader, text: string): void {
  markReadFromYaml(db);
  if (reader.pgvcKeys || hasDialectLine(text)) markPgvcDialect(db);
}

const topPrefixes = ["schema", ...topKinds.map((kd) => kd.yaml), "user mapping for"];
const schemaPrefixes = schemaKinds.map((kd) => kd.yaml);

/** A top-level `user mapping for ROLE server NAME` (accepted by Pyrseas), attached to its server once all are read. */
interface PendingMapping {
  role: string;
  server: string;
  value: Record<string, unknown>;
  at: number;
}

const userMappingKey = /^user mapping for (.+) server (.+)$/;

function attachUserMapping(reader: NodeReader, db: Database, mapping: PendingMapping): void {
  for (const fdw of Object.values(db.foreignDataWrappers ?? {})) {
    const server = fdw.servers && ownEntry(fdw.servers, mapping.server);
    if (server) {
      server.user_mappings = { ...server.user_mappings, [mapping.role]: mapping.value };
      return;
    }
  }
  reader.report(`no "server ${mapping.server}" under any foreign data wrapper for this user mapping`, mapping.at);
}

function readTopEntry(reader: NodeReader, db: Database, pair: Pair, mappings: PendingMapping[]): void {
  const key = reader.keyText(pair);
  if (key === undefined) return;
  const at = reader.offsetOf(pair.key, 0);
  const mapping = userMappingKey.exec(key);
  if (mapping) {
    const value = reader.readObject(userMappingSpec, pair.value, at, `"${key}"`);
    if (value !== undefined) mappings.push({ role: mapping[1] as string, server: mapping[2] as string, value, at });
    return;
  }
  if (key.startsWith("schema ") && key.length > 7) {
    const name = key.slice(7);
    const existing = ownEntry(db.schemas, name);
    setEntry(db.schemas, name, mergeInto(existing, readSchema(reader, pair.value, at, name, existing)));
    return;
  }
  const parsed = parseTopObjectKey(key);
  if (parsed) {
    if (pgvcOnlyKinds.has(parsed.kind.field)) reader.pgvcKeys = true;
    const value =
      parsed.kind.field === "foreignDataWrappers"
        ? readForeignDataWrapper(reader, pair.value, at, key)
        : reader.readObject(parsed.kind.spec, pair.value, at, `"${key}"`);
    const objects = collection(db, parsed.kind.field);
    if (ownEntry(objects, parsed.name) === undefined) {
      if (value !== undefined) setEntry(objects, parsed.name, value);
    } else if (!reader.duplicateKeys.has(at)) {
      reader.report(`"${key}" is defined twice (also in another file)`, at);
    }
    return;
  }
  if (parseSchemaObjectKey(key)) {
    reader.report(`"${key}" must be inside a schema`, at, [`put it under a schema, e.g. "schema public:"`]);
    return;
  }
  unknownObjectType(reader, key, topPrefixes, at, schemaPrefixes);
}

/** Read a file of schema objects (`table t1: {...}`, multiple-files layout) into `db.schemas[schema]`. */
export function mergeSchemaObjectsYaml(db: Database, schema: string, text: string, file: string): void {
  const { reader, root } = parseYaml(text, file);
  const existing = ownEntry(db.schemas, schema);
  setEntry(db.schemas, schema, mergeInto(existing, readSchema(reader, root, 0, schema, existing)));
  reader.throwIfProblems();
  noteDialect(db, reader, text);
}

/** Read a schema's map; `existing` is the same schema as read from other files (multiple-files layout). */
function readSchema(reader: NodeReader, raw: unknown, at: number, name: string, existing?: Schema): Schema {
  const schema: Record<string, unknown> = {};
  const attributes = reader.readObject(schemaAttributesSpec, raw, at, `"schema ${name}"`, (key, pair, keyAt) => {
    const parsed = parseSchemaObjectKey(key);
    const elsewhere = parsed && (existing as Record<string, Record<string, unknown> | undefined> | undefined)?.[parsed.kind.field];
    if (parsed && elsewhere && ownEntry(elsewhere, parsed.name) !== undefined) {
      if (!reader.duplicateKeys.has(keyAt)) reader.report(`"${key}" is defined twice (also in another file)`, keyAt);
    } else if (parsed) {
      if (pgvcOnlyKinds.has(parsed.kind.field)) reader.pgvcKeys = true;
      const value = reader.readObject(parsed.kind.spec, pair.value, keyAt, `"${key}"`);
      if (value !== undefined && parsed.kind.field === "sequences") boundsAsRead(value);
      if (value !== undefined) setEntry(collection(schema, parsed.kind.field), parsed.name, value);
    } else if (parseTopObjectKey(key) || key.startsWith("schema ")) {
      reader.report(`"${key}" belongs at the top level, not inside "schema ${name}"`, keyAt);
    } else if (key.includes(" ") || schemaPrefixes.includes(key)) {
      unknownObjectType(reader, key, schemaPrefixes, keyAt);
    } else if (!Object.hasOwn(schemaAttributesSpec.fields, key) && closest(key, schemaPrefixes) !== undefined) {
      // `tables:` where `table NAME:` entries were meant.
      const kind = closest(key, schemaPrefixes) as string;
      reader.report(`unknown attribute "${key}" in "schema ${name}": objects are written one per key, "${kind} NAME:"`, keyAt);
    } else {
      return false;
    }
    return true;
  });
  return { ...attributes, ...schema };
}

function readForeignDataWrapper(reader: NodeReader, raw: unknown, at: number, label: string): Record<string, unknown> | undefined {
  const servers: Record<string, unknown> = {};
  const fdw = reader.readObject(foreignDataWrapperSpec, raw, at, `"${label}"`, (key, pair, keyAt) => {
    if (!key.startsWith("server ") || key.length <= 7) return false;
    const server = reader.readObject(serverSpec, pair.value, keyAt, `"${key}"`);
    if (server !== undefined) setEntry(servers, key.slice(7), server);
    return true;
  });
  if (fdw === undefined) return undefined;
  return Object.keys(servers).length > 0 ? { ...fdw, servers } : fdw;
}

/** Report an unknown `TYPE NAME` key; `elsewhere` are types valid at another level, suggested with where they belong. */
function unknownObjectType(reader: NodeReader, key: string, prefixes: string[], at: number, elsewhere: string[] = []): void {
  const words = key.split(" ");
  if (prefixes.includes(key)) {
    reader.report(`"${key}" needs a name: "${key} NAME"`, at);
    return;
  }
  let suggestion: string | undefined;
  let best = Infinity;
  for (const prefix of [...prefixes, ...elsewhere]) {
    const head = words.slice(0, prefix.split(" ").length).join(" ");
    const distance = levenshtein(head.toLowerCase(), prefix);
    if (distance <= Math.max(2, Math.floor(prefix.length / 3)) && distance < best) [suggestion, best] = [prefix, distance];
  }
  const typed = suggestion ? words.slice(0, suggestion.split(" ").length).join(" ") : (words[0] ?? key);
  const inSchema = suggestion !== undefined && elsewhere.includes(suggestion) ? ", inside a schema" : "";
  const hint = suggestion ? ` (did you mean "${suggestion}"${inSchema}?)` : "";
  reader.report(`unknown object type "${typed}" in "${key}"${hint}`, at, [`known object types here: ${[...prefixes].sort().join(", ")}`]);
}

function ownEntry<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function collection(owner: Record<string, unknown>, field: string): Record<string, unknown> {
  return (owner[field] ??= {}) as Record<string, unknown>;
}

/** Merge a schema read from one file into the same schema read from another (multiple files). */
function mergeInto(existing: Schema | undefined, next: Schema): Schema {
  if (!existing) return next;
  const out = { ...existing } as Record<string, unknown>;
  for (const [field, value] of Object.entries(next)) {
    const isCollection = schemaKinds.some((kd) => kd.field === field);
    out[field] = isCollection ? { ...(out[field] as object | undefined), ...(value as object) } : value;
  }
  return out;
}
