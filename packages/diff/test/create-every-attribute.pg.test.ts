// A create must set every attribute an alter would. For every attribute that
// @pgvc/model declares (walked from the declaration, so a new attribute is
// covered at once), an object with that attribute at a sample value other than
// its default is made from an empty database in one pass, and must read back
// equal. An attribute with no sample fails the test (attribute-samples.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { connect, resolveConnection } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { normalizeDatabase, schemaAttributesSpec, schemaKinds, topKinds, type Database, type ObjectSpec } from "@pgvc/model";
import { ensureRole, execute, testServerUrl } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { diffSchemas, Expressions, loadSqlParser, runStatements, toSql } from "@pgvc/diff";
import { bases, byName, kindsNotYetSampled, notStored, notYetSampled, samples, type Sample } from "./attribute-samples.js";

interface Attribute {
  /** `table.columns.statistics`. */
  path: string;
  kind: string;
  /** The child collection (`columns`, `indexes`), for a child's attribute. */
  child?: string;
  name: string;
}

/** Every attribute of every kind, children's included, from the model's declaration. */
function declaredAttributes(): Attribute[] {
  const out: Attribute[] = [];
  const walk = (kind: string, spec: ObjectSpec, child?: string) => {
    for (const [name, field] of Object.entries(spec.fields)) {
      if (child === undefined && field.t === "namedList") walk(kind, field.entry, name);
      else if (
        child === undefined &&
        field.t === "map" &&
        field.value.t === "object" &&
        name !== "user_mappings" &&
        name !== "default_privileges"
      )
        walk(kind, field.value, name);
      else
        out.push({
          path: [kind, child, name].filter((p) => p !== undefined).join("."),
          kind,
          ...(child === undefined ? {} : { child }),
          name,
        });
    }
  };
  for (const kd of [...schemaKinds, ...topKinds]) walk(kd.yaml, kd.spec);
  walk("schema", schemaAttributesSpec);
  return out;
}

const attributes = declaredAttributes();
const db = useTestDatabase("pgvc_every_attribute");
let me = "postgres";

function sampleOf(a: Attribute): Sample | undefined {
  return samples[a.path] ?? byName(a.name, a.child === undefined ? a.kind : `${a.kind}.${a.child}`, me);
}

function exempt(a: Attribute): boolean {
  return a.name in notStored || a.path in notYetSampled || kindsNotYetSampled.includes(a.kind);
}

describe("every declared attribute has a sample value", () => {
  it("lists none without one", () => {
    const missing = attributes.filter((a) => !exempt(a) && sampleOf(a) === undefined).map((a) => a.path);
    expect(missing).toEqual([]);
  });
});

const fieldOf: Record<string, string> = Object.fromEntries(schemaKinds.map((kd) => [kd.yaml, kd.field]));
/** Top-level kinds (beside the schemas) by YAML prefix; default privileges are keyed by role and kept apart. */
const topFieldOf: Record<string, string> = Object.fromEntries(
  topKinds.filter((kd) => kd.yaml !== "default privileges").map((kd) => [kd.yaml, kd.field]),
);

/** The target: fixtures the samples refer to, and one object per sampled attribute, named after its index. */
function targetModel(version: number): { model: Database; objects: Map<string, { field: string; key: string; schema: string }> } {
  const app: Record<string, Record<string, unknown>> = {
    tables: {
      referenced: { columns: [{ name: "id", type: "integer", not_null: true }], primary_key: { referenced_pkey: { columns: ["id"] } } },
      parent: {
        columns: [
          { name: "id", type: "integer", not_null: true },
          { name: "a", type: "text", not_null: true },
          { name: "c", type: "integer", not_null: true },
        ],
      },
      partitioned: {
        columns: [
          { name: "id", type: "integer", not_null: true },
          { name: "a", type: "text", not_null: true },
        ],
        partition_by: { range: ["id"] },
      },
    },
    // A composite type with the base table's columns, for a typed table (OF) and casts;
    // an enum, for a default operator class (it has none).
    types: {
      pair: {
        attributes: [
          { name: "id", type: "integer" },
          { name: "a", type: "text" },
        ],
      },
      mood: { labels: ["calm", "cross"] },
    },
    operatorFamilies: { "fam using btree": {} },
    functions: {
      "same(integer, integer)": { language: "sql", returns: "boolean", source: "SELECT $1 = $2", volatility: "immutable" },
      "pair_text(app.pair)": { language: "sql", returns: "text", source: "SELECT $1.a" },
      "trg()": { language: "plpgsql", returns: "trigger", source: "BEGIN RETURN NEW; END" },
      "trg2()": { language: "plpgsql", returns: "trigger", source: "BEGIN RETURN NULL; END" },
      "on_ddl()": { language: "plpgsql", returns: "event_trigger", source: "BEGIN END" },
      // Not STRICT: an aggregate's final function with extra arguments.
      "fin(integer, integer)": { language: "sql", returns: "integer", source: "SELECT $1" },
    },
  };
  const model: Database = { schemas: { app }, foreignDataWrappers: { fdw: { servers: { srv: {}, srv2: {} } } } };
  const objects = new Map<string, { field: string; key: string; schema: string }>();
  attributes.forEach((a, i) => {
    const sample = sampleOf(a);
    if (exempt(a) || !sample || (sample.since ?? 0) > version) return;
    const name = a.kind === "operator" ? operatorName(i) : `s${i}`;
    const object = JSON.parse(JSON.stringify(build(a, sample)).replaceAll("SELF", name)) as Record<string, unknown>;
    if (a.kind === "default privileges") {
      // Keyed by role: every object type goes to one role's entry.
      const byRole = (model.defaultPrivileges ??= {});
      byRole.app_owner = { ...byRole.app_owner, [a.name]: sample.value };
      objects.set(a.path, { field: "top", key: "app_owner", schema: "" });
      return;
    }
    if (a.kind in topFieldOf) {
      const field = topFieldOf[a.kind] as string;
      const collection = ((model as unknown as Record<string, Record<string, unknown>>)[field] ??= {});
      const key = sample.key ?? name;
      collection[key] = object;
      objects.set(a.path, { field: `top ${field}`, key, schema: "" });
      return;
    }
    if (a.kind === "schema") {
      model.schemas[name] = object;
      objects.set(a.path, { field: "", key: name, schema: name });
      return;
    }
    const field = fieldOf[a.kind] as string;
    const key = (sample.key ?? keyOf(a, name)).replaceAll("SELF", name);
    (app[field] ??= {})[key] = object;
    objects.set(a.path, { field, key, schema: "app" });
  });
  return { model, objects };
}

/** The key of a sample's object in its schema: functions carry their arguments, operator classes their method. */
function keyOf(a: Attribute, name: string): string {
  if (a.kind === "function" || a.kind === "procedure") return `${name}(${a.name === "allargs" ? "x integer" : ""})`;
  if (a.kind === "aggregate") return `${name}(integer)`;
  if (a.kind === "operator") return `${name}(integer, integer)`;
  if (a.kind === "operator class" || a.kind === "operator family") return `${name} using btree`;
  return name;
}

/** An operator's name from the attribute's index: `<#` and one symbol per digit. */
function operatorName(i: number): string {
  return `<#${[...String(i)].map((d) => "~!@#%^&|`?"[Number(d)]).join("")}`;
}

function build(a: Attribute, sample: Sample): Record<string, unknown> {
  const base = structuredClone(bases[a.kind] ?? {});
  if (a.child === undefined) return { ...base, ...sample.with, [a.name]: sample.value };
  const entry = { ...structuredClone(bases[`${a.kind}.${a.child}`] ?? {}), ...sample.with, [a.name]: sample.value };
  const object: Record<string, unknown> = { ...base, ...sample.parent };
  // A child's owner: its table is the test role's, which the comparison then keeps too.
  if (a.name === "owner") object.owner = me;
  // A view's columns are its query's: the sample is about its one column.
  if (a.child === "columns" && a.kind.endsWith("view")) object.columns = [{ name: "one", ...entry }];
  else if (Array.isArray(object[a.child])) object[a.child] = [...(object[a.child] as unknown[]), { name: "c", ...entry }];
  else object[a.child] = { [`SELF_${a.child.slice(0, 3)}`]: entry };
  return object;
}

let expressions = new Expressions();
const expressionKeys = new Set(["definition", "default", "expression", "predicate", "using", "with_check", "generated", "condition"]);

/** Expressions in canonical form; owners left out unless the sample is about one (objects are made by the test's role). */
function semantic(value: unknown, keepOwner: boolean, key?: string): unknown {
  if (typeof value === "string") return key !== undefined && expressionKeys.has(key) ? expressions.canonical(value) : value;
  if (Array.isArray(value)) return value.map((v) => semantic(v, keepOwner));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "owner" || keepOwner)
      .map(([k, v]) => [k, semantic(v, keepOwner, k)]),
  );
}

async function read(url: string): Promise<Database> {
  const session = await connect(resolveConnection({ dbname: url }));
  try {
    return normalizeDatabase(await introspect(session));
  } finally {
    await session.close();
  }
}

describe("a new object gets every attribute in one pass", async () => {
  expressions = new Expressions(await loadSqlParser());
  let made: Database | undefined;
  let target: ReturnType<typeof targetModel> | undefined;
  let sql = "";

  beforeAll(async () => {
    for (const role of ["app_owner", "app_reader"]) await ensureRole(testServerUrl(), role);
    const [{ rows }] = (await execute(
      db.url,
      "SELECT current_user AS me, current_setting('server_version_num')::int AS version",
    )) as unknown as [{ rows: { me: string; version: number }[] }];
    me = rows[0]?.me ?? me;
    target = targetModel(rows[0]?.version ?? 0);
    const empty = await read(db.url);
    const statements = diffSchemas(empty, normalizeDatabase(target.model), { expressions });
    sql = toSql(statements);
    const session = await connect(resolveConnection({ dbname: db.url }));
    try {
      await session.query("BEGIN");
      await runStatements(session, statements);
      await session.query("COMMIT");
    } finally {
      await session.close();
    }
    made = await read(db.url);
  }, 120_000);

  it.each(attributes.filter((a) => !exempt(a)).map((a) => a.path))("%s", (path) => {
    const at = target?.objects.get(path);
    if (!at) return; // not on this server version (Sample.since)
    const pick = (model: Database | undefined) => {
      const schema = model?.schemas[at.schema] as Record<string, Record<string, unknown>> | undefined;
      const top = at.field.startsWith("top ")
        ? (model as unknown as Record<string, Record<string, unknown> | undefined>)[at.field.slice(4)]?.[at.key]
        : undefined;
      const object =
        at.field === "top" ? model?.defaultPrivileges?.[at.key] : (top ?? (at.field === "" ? schema : schema?.[at.field]?.[at.key]));
      return semantic(object, path.endsWith(".owner"));
    };
    expect(pick(made), sql).toEqual(pick(normalizeDatabase(target?.model as Database)));
  });
});
