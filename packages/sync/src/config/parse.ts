import { isAbsolute, posix, relative, resolve, sep, dirname } from "node:path";
import { isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { SourceLocation } from "@pgvc/core";
import { ConfigReader, describe, type Field } from "./reader.js";
import {
  defaultIdleSeconds,
  defaultMajor,
  layoutNames,
  supportedMajors,
  type IntrospectSettings,
  type PgvcConfig,
  type ScratchSettings,
  type SourceConfig,
} from "./types.js";

const topKeys = ["schema", "migrations", "scratch", "introspect"] as const;
const sqlKeys = ["sql", "layout", "name"] as const;
const commandKeys = ["command", "watch", "cwd", "name", "app"] as const;
const scratchKeys = ["server", "version", "idle"] as const;
const introspectKeys = ["schemas", "exclude_schemas", "no_owner", "no_privileges"] as const;

/**
 * Read the text of a pgvc.yaml. Every problem is reported with its
 * file:line:col (an InputError listing them all); relative paths are
 * taken from `root` (the repository root; default: the file's directory)
 * and kept repository-relative.
 */
export function parseConfig(text: string, file: string, root: string = dirname(resolve(file))): PgvcConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reader = new ConfigReader(file, lines);
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    reader.problem({ file, line, column: col }, `not valid YAML: ${error.message.split("\n")[0]}`);
  }
  if (reader.problems.length) throw reader.error();
  const at: SourceLocation = { file, line: 1, column: 1 };
  const top = reader.fields(doc.contents, file, topKeys, at);
  if (!top) throw reader.error();
  const paths = new RepoPaths(reader, root);
  const schema = required(reader, top, "schema", at, "schema: pyrseas/schema.yaml");
  const config: PgvcConfig = {
    file,
    root,
    schema: paths.relative(top.get("schema"), reader.string(schema, "schema")) ?? "",
    migrations: sources(reader, paths, required(reader, top, "migrations", at, "migrations:\n  - sql: db/migrations")),
    scratch: scratch(reader, top.get("scratch")),
    introspect: introspect(reader, top.get("introspect")),
    locations: { schema: schema?.at, migrations: sourceLocations(reader, top.get("migrations")) },
  };
  if (reader.problems.length) throw reader.error();
  return config;
}

function required(reader: ConfigReader, fields: Map<string, Field>, key: string, at: SourceLocation, example: string): Field | undefined {
  const field = fields.get(key);
  if (field === undefined) return reader.problem(at, `"${key}" is missing`, [`for example:\n    ${example.replace(/\n/g, "\n    ")}`]);
  return field;
}

/** Paths from the file, made repository-relative with `/`. */
class RepoPaths {
  constructor(
    private readonly reader: ConfigReader,
    private readonly root: string,
  ) {}

  relative(field: Field | undefined, text: string | undefined): string | undefined {
    if (field === undefined || text === undefined) return undefined;
    const rel = relative(this.root, isAbsolute(text) ? text : resolve(this.root, text))
      .split(sep)
      .join(posix.sep);
    if (rel.startsWith("..") || isAbsolute(rel)) return this.reader.problem(field.at, `"${text}" is outside the repository (${this.root})`);
    return rel === "" ? "." : rel;
  }
}

function sources(reader: ConfigReader, paths: RepoPaths, field: Field | undefined): SourceConfig[] {
  if (field === undefined) return [];
  if (!isSeq(field.value) || field.value.items.length === 0) {
    reader.problem(field.at, `migrations must be a list of sources (- sql: DIR, or - command: ...); got ${describe(field.value)}`);
    return [];
  }
  const out: SourceConfig[] = [];
  for (const item of field.value.items as (Node | null)[]) {
    const source = oneSource(reader, paths, item);
    if (source) out.push(source);
  }
  return out;
}

function sourceLocations(reader: ConfigReader, field: Field | undefined): SourceLocation[] {
  return isSeq(field?.value) ? (field.value.items as (Node | null)[]).map((item) => reader.where(item)) : [];
}

function oneSource(reader: ConfigReader, paths: RepoPaths, node: Node | null): SourceConfig | undefined {
  const at = reader.where(node);
  const keys = [...new Set([...sqlKeys, ...commandKeys])];
  const fields = reader.fields(node, "a migration source", keys, at);
  if (!fields) return undefined;
  const isSql = fields.has("sql");
  if (isSql === fields.has("command"))
    return reader.problem(at, "a migration source has either sql: DIR or command: COMMAND", [
      "- sql: db/migrations",
      "- command: python3 manage.py migrate --noinput",
    ]);
  const allowed: readonly string[] = isSql ? sqlKeys : commandKeys;
  for (const f of fields.values())
    if (!allowed.includes(f.key))
      reader.problem(f.at, `"${f.key}" does not go with ${isSql ? "sql" : "command"}`, [
        `a ${isSql ? "sql" : "command"} source takes ${allowed.join(", ")}`,
      ]);
  const name = reader.string(fields.get("name"), "name");
  if (isSql) {
    const dir = paths.relative(fields.get("sql"), reader.string(fields.get("sql"), "sql"));
    const layout = reader.choice(fields.get("layout"), "layout", layoutNames);
    return dir === undefined ? undefined : { kind: "sql", dir, layout, name };
  }
  const command = reader.string(fields.get("command"), "command");
  const watch = reader.strings(fields.get("watch"), "watch") ?? [];
  const cwd = fields.has("cwd") ? paths.relative(fields.get("cwd"), reader.string(fields.get("cwd"), "cwd")) : ".";
  if (command === undefined || cwd === undefined) return undefined;
  if (watch.length === 0)
    reader.problem(at, "a command source needs watch: the globs of the files it reads", ['watch: ["*/migrations/*.py"]']);
  return { kind: "command", command, watch, cwd, name, app: reader.string(fields.get("app"), "app") };
}

function scratch(reader: ConfigReader, field: Field | undefined): ScratchSettings {
  const embedded: ScratchSettings = { kind: "embedded", major: defaultMajor, idleSeconds: defaultIdleSeconds };
  if (field === undefined) return embedded;
  const fields = reader.fields(field.value, "scratch", scratchKeys, field.at);
  if (!fields) return embedded;
  const server = reader.string(fields.get("server"), "server") ?? "embedded";
  const version = reader.integer(
    fields.get("version"),
    "version",
    supportedMajors[0],
    supportedMajors[supportedMajors.length - 1] as number,
  );
  const idle = reader.integer(fields.get("idle"), "idle", 1, 86400);
  if (/^postgres(ql)?:\/\//.test(server)) {
    for (const key of ["version", "idle"])
      if (fields.has(key)) reader.problem(fields.get(key)!.at, `${key} applies only to the embedded server`);
    return { kind: "url", url: server };
  }
  if (server !== "embedded") {
    const hint = reader.choice(fields.get("server"), "server", ["embedded"]);
    if (hint === undefined)
      reader.problems[reader.problems.length - 1]?.hints.push(
        "or a postgres://user@host/db URL of a server where pgvc may create databases",
      );
  }
  return { kind: "embedded", major: version ?? defaultMajor, idleSeconds: idle ?? defaultIdleSeconds };
}

function introspect(reader: ConfigReader, field: Field | undefined): IntrospectSettings {
  const settings: IntrospectSettings = { schemas: [], excludeSchemas: [], noOwner: false, noPrivileges: false };
  if (field === undefined) return settings;
  const fields = reader.fields(field.value, "introspect", introspectKeys, field.at);
  if (!fields) return settings;
  return {
    schemas: reader.strings(fields.get("schemas"), "schemas") ?? [],
    excludeSchemas: reader.strings(fields.get("exclude_schemas"), "exclude_schemas") ?? [],
    noOwner: reader.boolean(fields.get("no_owner"), "no_owner") ?? false,
    noPrivileges: reader.boolean(fields.get("no_privileges"), "no_privileges") ?? false,
  };
}
