import type { Database, Function as FunctionValue, Procedure } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { deepEqual } from "../compare.js";
import { qualifiedNamesIn } from "../deps.js";
import type { DiffContext } from "../differ.js";
import { alterTable, ident, literal, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";

type Routine = FunctionValue & Procedure;

/**
 * Functions and procedures, keyed by name and identity arguments
 * (`function app.add(a integer, b integer)`). A changed body, language or
 * window-ness is a CREATE OR REPLACE; a changed result or argument list
 * (which OR REPLACE refuses) drops and creates the routine, and the engine
 * re-creates what calls it (views, triggers, policies); any other attribute
 * is one ALTER FUNCTION.
 */
function routineKind(kind: "function" | "procedure"): KindDiffer<Routine> {
  const keyword = kind === "function" ? "FUNCTION" : "PROCEDURE";
  return {
    kind,

    items(db: Database, scope: DiffScope) {
      return schemaObjects<Routine>(scope, db, kind === "function" ? "functions" : "procedures", kind);
    },

    create(item, ctx) {
      // The types of its arguments and result must exist at CREATE, body checks or not: hard needs.
      const create = statement("create", item.ref, renderCreateRoutine(item, keyword, false), "main", {
        requires: [...languageRef(item.value), ...argumentTypeRefs(item)],
      });
      return [create, ...(ctx.fromItem(item.ref) ? restoreDefaults(item, ctx) : [])];
    },

    drop(item, ctx) {
      const drop = statement("drop", item.ref, `DROP ${keyword} ${signature(item)}`, "drop");
      return [...(ctx.toItem(item.ref) ? suspendDefaults(item, ctx) : []), drop];
    },

    alter(from, to): AlterResult {
      const a = from.value;
      const b = to.value;
      if (!sameSignature(from, to)) return { rebuild: `the ${kind}'s result or arguments changed` };
      if ((a.window ?? false) !== (b.window ?? false)) return { rebuild: "the function became or stopped being a window function" };
      if (a.language !== b.language || a.source !== b.source || a.obj_file !== b.obj_file || a.link_symbol !== b.link_symbol) {
        return [statement("alter", to.ref, renderCreateRoutine(to, keyword, true), "main", { requires: languageRef(b) })];
      }
      const actions = alterActions(a, b, kind === "function");
      const sql = `ALTER ${keyword} ${signature(to)}`;
      return [
        ...(actions.length > 0 ? [statement("alter", to.ref, `${sql} ${actions.join(" ")}`, "main")] : []),
        ...configChanges(a.configuration ?? [], b.configuration ?? []).map((action) =>
          statement("alter", to.ref, `${sql} ${action}`, "main"),
        ),
      ];
    },

    rename(from, to) {
      return [statement("rename", to.ref, `ALTER ${keyword} ${signature(from)} RENAME TO ${ident(baseName(to.name))}`, "rename")];
    },

    target(item): SqlTarget {
      const name = `${keyword} ${signature(item)}`;
      return { comment: name, owner: name, grant: name, privilegeType: "function", publicDefaults: ["execute"] };
    },

    dependencies(item) {
      return [...languageRef(item.value), ...argumentTypeRefs(item)];
    },
  };
}

/**
 * Types named in the key's arguments and the result: any kind of that name
 * may be the type, so each is given; references to objects that do not
 * exist order nothing.
 */
function argumentTypeRefs(item: Item<Routine>): string[] {
  const names = qualifiedNamesIn([splitKey(item.name).args, item.value.returns ?? ""], new Set());
  for (const name of bareTypeNames(item)) for (const schema of new Set([item.schema ?? "public", "public"])) names.add(`${schema}.${name}`);
  return [...names].flatMap((name) => ["type", "domain", "table", "view"].map((kind) => `${kind} ${name}`));
}

/**
 * Type names written without a schema in the arguments and the result
 * (`RETURNS SETOF customer`, as dbtoyaml writes a type visible on the
 * search_path): the type is made first, in the routine's schema or in
 * public, where PostgreSQL finds it. A word that names no object orders
 * nothing.
 */
function bareTypeNames(item: Item<Routine>): string[] {
  const text = [...argumentTypes(splitKey(item.name).args), item.value.returns ?? ""].join(", ");
  const words = text.matchAll(/(?<![\w$."])("(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?![\w$."])/g);
  return [...words]
    .map((m) => m[1] as string)
    .filter((w) => !/^(setof|table|out|inout|variadic)$/i.test(w))
    .map((w) => (w.startsWith('"') ? w.slice(1, -1).replaceAll('""', '"') : w.toLowerCase()));
}

export const functionDiffer = routineKind("function");
export const procedureDiffer = routineKind("procedure");

/** Languages other than the built-in ones are objects of the model. */
function languageRef(r: Routine): string[] {
  return ["sql", "c", "internal", "plpgsql"].includes(r.language) ? [] : [`language ${r.language}`];
}

/** `app.add(integer, integer)`: how GRANT, COMMENT, ALTER and DROP name a routine (argument types only). */
export function signature(item: Item): string {
  const { name, args } = splitKey(item.name);
  return `${qname(item.schema, name)}(${argumentTypes(args).join(", ")})`;
}

/** `add(a integer, b integer)` -> name `add`, args `a integer, b integer`. */
export function splitKey(key: string): { name: string; args: string } {
  const paren = key.indexOf("(");
  if (paren < 0) return { name: key, args: "" };
  return { name: key.slice(0, paren), args: key.slice(paren + 1, key.lastIndexOf(")")) };
}

function baseName(key: string): string {
  return splitKey(key).name;
}

/** Split an argument list on its top-level commas. */
export function splitArguments(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted: string | undefined;
  let current = "";
  for (const ch of args) {
    if (quoted) {
      if (ch === quoted) quoted = undefined;
    } else if (ch === '"' || ch === "'") quoted = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      out.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim() !== "") out.push(current.trim());
  return out;
}

const modes = /^(IN|OUT|INOUT|VARIADIC)\s+/i;
/** Type names of more than one word, which must not be read as `name type`. */
const multiWordType =
  /^(double\s+precision|character\s+varying|bit\s+varying|national\s+character|(timestamp|time)(\(\d+\))?\s+with(out)?\s+time\s+zone|interval\s)/i;

/**
 * The argument types of identity arguments as pg_get_function_identity_arguments
 * prints them (`a integer, VARIADIC b text[]`), names left out: `integer, VARIADIC text[]`.
 * OUT arguments of a function are not part of its identity.
 */
export function argumentTypes(args: string): string[] {
  return splitArguments(args).flatMap((arg) => {
    let rest = arg.replace(/\s+DEFAULT\s+[\s\S]*$/i, "").replace(/\s*=\s*[\s\S]*$/, "");
    const mode = modes.exec(rest)?.[1]?.toUpperCase();
    if (mode) rest = rest.slice(modes.exec(rest)?.[0].length);
    if (!multiWordType.test(rest)) {
      const name = /^("(?:[^"]|"")+"|[^\s"(]+)\s+(?=\S)/.exec(rest);
      if (name) rest = rest.slice(name[0].length);
    }
    return [`${mode && mode !== "IN" ? `${mode} ` : ""}${rest.trim()}`];
  });
}

/**
 * The full argument list for CREATE: `allargs` when given, else the key's
 * identity arguments; the default mode IN left out (procedures print it).
 */
function createArguments(item: Item<Routine>): string {
  const args = item.value.allargs ?? splitKey(item.name).args;
  return splitArguments(args)
    .map((arg) => arg.replace(/^IN\s+/i, ""))
    .join(", ");
}

function sameSignature(from: Item<Routine>, to: Item<Routine>): boolean {
  return createArguments(from) === createArguments(to) && (from.value.returns ?? "") === (to.value.returns ?? "");
}

export function renderCreateRoutine(item: Item<Routine>, keyword: string, replace: boolean): string {
  const r = item.value;
  const { name } = splitKey(item.name);
  const lines = [`CREATE ${replace ? "OR REPLACE " : ""}${keyword} ${qname(item.schema, name)}(${createArguments(item)})`];
  if (keyword === "FUNCTION") lines.push(`    RETURNS ${r.returns ?? "void"}`);
  const attributes = [`LANGUAGE ${ident(r.language)}`];
  if (keyword === "FUNCTION") attributes.push(...functionAttributes(r));
  if (r.security_definer) attributes.push("SECURITY DEFINER");
  lines.push(`    ${attributes.join(" ")}`);
  for (const setting of r.configuration ?? []) lines.push(`    ${renderSetting(setting)}`);
  lines.push(`    ${renderBody(r)}`);
  return lines.join("\n");
}

function functionAttributes(r: Routine): string[] {
  const out: string[] = [];
  if (r.window) out.push("WINDOW");
  out.push((r.volatility ?? "volatile").toUpperCase());
  if (r.strict) out.push("STRICT");
  if (r.leakproof) out.push("LEAKPROOF");
  if (r.parallel && r.parallel !== "unsafe") out.push(`PARALLEL ${r.parallel.toUpperCase()}`);
  if (r.cost !== undefined) out.push(`COST ${r.cost}`);
  if (r.rows !== undefined) out.push(`ROWS ${r.rows}`);
  return out;
}

function renderBody(r: Routine): string {
  if (r.obj_file !== undefined || r.link_symbol !== undefined) {
    return `AS ${literal(r.obj_file ?? "")}, ${literal(r.link_symbol ?? "")}`;
  }
  const source = r.source ?? "";
  // A SQL-standard body (BEGIN ATOMIC ... END, RETURN expr) is written as is, not quoted.
  if (r.language === "sql" && /^\s*(BEGIN\s+ATOMIC\b|RETURN\b)/i.test(source)) return source.trim();
  return `AS ${dollarQuote(source)}`;
}

/**
 * `$$body$$`, or a tag that does not occur in the body, nor is completed
 * by the body's end (a body ending in `$` would close `$$` one character early).
 */
export function dollarQuote(body: string): string {
  let tag = "$$";
  for (let i = 0; (body + tag).indexOf(tag) !== body.length; i++) tag = i === 0 ? "$body$" : `$body${i}$`;
  return `${tag}${body}${tag}`;
}

/** Settings whose value is a list: each element is its own literal, as pg_dump writes them. */
const listSettings = new Set([
  "search_path",
  "temp_tablespaces",
  "session_preload_libraries",
  "shared_preload_libraries",
  "local_preload_libraries",
]);

/** `search_path=app, "$user"` (a proconfig entry) -> `SET search_path TO 'app', '$user'`. */
export function renderSetting(setting: string): string {
  const eq = setting.indexOf("=");
  const name = setting.slice(0, eq).trim();
  const value = setting.slice(eq + 1);
  if (!listSettings.has(name.toLowerCase())) return `SET ${ident(name)} TO ${literal(value)}`;
  const elements = value.split(/,\s*/).map((v) => (v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v));
  return `SET ${ident(name)} TO ${elements.map((e) => literal(e)).join(", ")}`;
}

function configChanges(before: string[], after: string[]): string[] {
  const key = (s: string) => s.slice(0, s.indexOf("=")).trim();
  const afterKeys = new Set(after.map(key));
  const reset = before.filter((s) => !afterKeys.has(key(s))).map((s) => `RESET ${ident(key(s))}`);
  const set = after.filter((s) => !before.includes(s)).map(renderSetting);
  return [...reset, ...set];
}

function alterActions(a: Routine, b: Routine, isFunction: boolean): string[] {
  const out: string[] = [];
  if ((a.security_definer ?? false) !== (b.security_definer ?? false))
    out.push(b.security_definer ? "SECURITY DEFINER" : "SECURITY INVOKER");
  if (!isFunction) return out;
  if ((a.volatility ?? "volatile") !== (b.volatility ?? "volatile")) out.push((b.volatility ?? "volatile").toUpperCase());
  if ((a.strict ?? false) !== (b.strict ?? false)) out.push(b.strict ? "STRICT" : "CALLED ON NULL INPUT");
  if ((a.leakproof ?? false) !== (b.leakproof ?? false)) out.push(b.leakproof ? "LEAKPROOF" : "NOT LEAKPROOF");
  if ((a.parallel ?? "unsafe") !== (b.parallel ?? "unsafe")) out.push(`PARALLEL ${(b.parallel ?? "unsafe").toUpperCase()}`);
  const defaultCost = b.language === "c" || b.language === "internal" ? 1 : 100;
  if (!deepEqual(a.cost ?? defaultCost, b.cost ?? defaultCost)) out.push(`COST ${b.cost ?? defaultCost}`);
  if (/^(SETOF|TABLE)\b/i.test(b.returns ?? "") && (a.rows ?? 1000) !== (b.rows ?? 1000)) out.push(`ROWS ${b.rows ?? 1000}`);
  return out;
}

const routineKinds = ["function", "procedure", "aggregate"];

/**
 * Routines are keyed with their identity arguments, names included
 * (`function app.f(n integer)`); a rename hint or `oldname` names them with
 * the argument types (`app.f(integer)`) or the bare name (`f`). Resolve both
 * ends to the keys of the two models; other renames pass unchanged.
 */
export function resolveRoutineRename(
  rename: { from: string; to: string },
  fromRefs: ReadonlyMap<string, unknown>,
  toRefs: ReadonlyMap<string, unknown>,
): { from: string; to: string } {
  const kind = routineKinds.find((k) => rename.from.startsWith(`${k} `));
  if (kind === undefined || (fromRefs.has(rename.from) && toRefs.has(rename.to))) return rename;
  const from = fromRefs.has(rename.from) ? rename.from : matchRoutine(rename.from, fromRefs.keys(), undefined);
  if (from === undefined) return rename;
  const types = argumentTypes(splitKey(from.slice(from.indexOf(" ") + 1)).args).join(", ");
  const to = toRefs.has(rename.to) ? rename.to : (matchRoutine(rename.to, toRefs.keys(), types) ?? rename.to);
  return { from, to };
}

/** The one reference with the same kind and qualified name, and the given (or written) argument types. */
function matchRoutine(ref: string, refs: Iterable<string>, types: string | undefined): string | undefined {
  const paren = ref.indexOf("(");
  const base = paren < 0 ? ref : ref.slice(0, paren);
  const wanted = types ?? (paren < 0 ? undefined : argumentTypes(ref.slice(paren + 1, ref.lastIndexOf(")"))).join(", "));
  const found = [...refs].filter((r) => {
    if (!r.startsWith(`${base}(`)) return false;
    return wanted === undefined || argumentTypes(r.slice(base.length + 1, r.lastIndexOf(")"))).join(", ") === wanted;
  });
  return found.length === 1 ? found[0] : undefined;
}

interface ColumnDefault {
  ref: string;
  schema: string;
  table: string;
  column: string;
  expression: string;
}

/** Column defaults that call the routine (by its qualified name). */
function defaultsCalling(item: Item, db: Database): ColumnDefault[] {
  const name = `${item.schema}.${splitKey(item.name).name}`;
  const out: ColumnDefault[] = [];
  for (const [schema, s] of Object.entries(db.schemas)) {
    for (const [table, t] of Object.entries(s.tables ?? {})) {
      for (const c of t.columns ?? []) {
        if (c.default !== undefined && qualifiedNamesIn(c.default, new Set()).has(name)) {
          out.push({ ref: `column ${schema}.${table}.${c.name}`, schema, table, column: c.name, expression: c.default });
        }
      }
    }
  }
  return out;
}

/** The same default on both sides: the column differ writes nothing for it. */
function unchangedDefaults(item: Item, ctx: DiffContext): ColumnDefault[] {
  const after = new Map(defaultsCalling(item, ctx.to).map((d) => [d.ref, d]));
  return defaultsCalling(item, ctx.from).filter((d) => {
    const next = after.get(d.ref);
    return next !== undefined && !ctx.isDropped(d.ref) && ctx.expressions.same(d.expression, next.expression);
  });
}

/**
 * A routine dropped to be created again takes the column defaults that call
 * it off first (DROP FUNCTION refuses while they exist) and puts them back
 * after; the views, triggers, policies and constraints that use it are
 * re-created by the engine.
 */
function suspendDefaults(item: Item, ctx: DiffContext): Statement[] {
  return unchangedDefaults(item, ctx).map((d) =>
    statement("alter", d.ref, alterTable(d.schema, d.table, `ALTER COLUMN ${ident(d.column)} DROP DEFAULT`), "drop", {
      requires: [item.ref],
      provides: [],
    }),
  );
}

function restoreDefaults(item: Item, ctx: DiffContext): Statement[] {
  const after = new Map(defaultsCalling(item, ctx.to).map((d) => [d.ref, d]));
  return unchangedDefaults(item, ctx).map((d) => {
    const sql = alterTable(
      d.schema,
      d.table,
      `ALTER COLUMN ${ident(d.column)} SET DEFAULT ${after.get(d.ref)?.expression ?? d.expression}`,
    );
    return statement("alter", d.ref, sql, "main", { requires: [item.ref], provides: [] });
  });
}
