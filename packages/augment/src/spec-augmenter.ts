import type { AugmenterOverrides, AuditKind, ColumnDef, FunctionDef, TriggerDef } from "./definitions.js";
import { triggerEvents, volatilities } from "./definitions.js";
import type { Entry, SpecReader } from "./reader.js";

const sections = ["columns", "audit_columns", "function_templates", "func_templates", "function_segments", "functions", "triggers"];

/** The `augmenter:` section: new definitions, or attributes that change predefined ones. */
export function readAugmenter(reader: SpecReader, entry: Entry): AugmenterOverrides {
  const out: AugmenterOverrides = { columns: {}, audit_columns: {}, function_templates: {}, functions: {}, triggers: {} };
  const fields = reader.fields(entry, "augmenter", sections);
  for (const item of section(reader, fields.get("columns"), "augmenter columns")) out.columns[item.key] = readColumn(reader, item);
  for (const item of section(reader, fields.get("audit_columns"), "augmenter audit_columns"))
    out.audit_columns[item.key] = readKind(reader, item);
  // Older Pyrseas configurations call the templates func_templates or function_segments.
  for (const name of ["func_templates", "function_segments", "function_templates"]) {
    for (const item of section(reader, fields.get(name), `augmenter ${name}`)) {
      const source = reader.string(item, `template ${item.key}`);
      if (source !== undefined) out.function_templates[item.key] = { source, at: item.at };
    }
  }
  for (const item of section(reader, fields.get("functions"), "augmenter functions")) {
    const fn = readFunction(reader, item);
    if (fn.name !== undefined) out.functions[fn.name] = fn;
  }
  for (const item of section(reader, fields.get("triggers"), "augmenter triggers")) out.triggers[item.key] = readTrigger(reader, item);
  return out;
}

function section(reader: SpecReader, field: Entry | undefined, what: string): Entry[] {
  return field === undefined ? [] : reader.entries(field.value, what, field.at);
}

/** The attributes that were given, without the undefined ones (so they do not hide predefined values). */
function given<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function readColumn(reader: SpecReader, item: Entry): Partial<ColumnDef> {
  const f = reader.fields(item, `column ${item.key}`, ["name", "type", "not_null", "default", "description"]);
  return given({
    name: reader.string(f.get("name"), "name"),
    type: reader.string(f.get("type"), "type"),
    not_null: reader.boolean(f.get("not_null"), "not_null"),
    default: reader.string(f.get("default"), "default"),
    description: reader.string(f.get("description"), "description"),
    at: item.keyAt,
  });
}

function readKind(reader: SpecReader, item: Entry): Partial<AuditKind> {
  const f = reader.fields(item, `audit kind ${item.key}`, ["columns", "triggers"]);
  return given({
    columns: reader.strings(f.get("columns"), "columns"),
    triggers: reader.strings(f.get("triggers"), "triggers"),
    at: item.keyAt,
  });
}

function readFunction(reader: SpecReader, item: Entry): Partial<FunctionDef> {
  const key = /^\s*([^()\s]+)\s*\((.*)\)\s*$/.exec(item.key);
  if (!key) return reader.problem(item.keyAt, `a function is written with its arguments: "${item.key}()" or "name(arguments)"`) ?? {};
  const known = ["description", "language", "returns", "source", "security_definer", "volatility", "calls"];
  const f = reader.fields(item, `function ${item.key}`, known);
  return given({
    name: key[1],
    arguments: key[2]?.trim(),
    description: reader.string(f.get("description"), "description"),
    language: reader.string(f.get("language"), "language"),
    returns: reader.string(f.get("returns"), "returns"),
    source: reader.string(f.get("source"), "source"),
    security_definer: reader.boolean(f.get("security_definer"), "security_definer"),
    volatility: reader.choice(f.get("volatility"), "volatility", volatilities),
    calls: reader.strings(f.get("calls"), "calls")?.map((name) => name.replace(/\(.*$/, "")),
    at: item.keyAt,
  });
}

function readTrigger(reader: SpecReader, item: Entry): Partial<TriggerDef> {
  const f = reader.fields(item, `trigger ${item.key}`, ["name", "timing", "events", "level", "procedure"]);
  const events = reader.strings(f.get("events"), "events");
  const bad = events?.find((e) => !(triggerEvents as readonly string[]).includes(e));
  if (bad !== undefined) reader.problem(f.get("events")?.at ?? item.at, `trigger event "${bad}" is not one of ${triggerEvents.join(", ")}`);
  return given({
    name: reader.string(f.get("name"), "name"),
    timing: reader.choice(f.get("timing"), "timing", ["before", "after"] as const),
    events: bad === undefined ? (events as TriggerDef["events"] | undefined) : undefined,
    level: reader.choice(f.get("level"), "level", ["row", "statement"] as const),
    procedure: reader.string(f.get("procedure"), "procedure"),
    at: item.keyAt,
  });
}
