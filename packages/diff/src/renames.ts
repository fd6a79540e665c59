import { InputError } from "@pgvc/core";
import { relationChildKinds, type Database } from "@pgvc/model";
import { deepEqual } from "./compare.js";
import type { DiffContext, Item } from "./differ.js";
import { Entry } from "./entry.js";
import { resolveRoutineRename } from "./kinds/functions.js";
import type { RenameHint } from "./options.js";
import { splitDotted } from "./render.js";
import type { Statement } from "./statement.js";

/** The engine's state as renames need it. */
export interface RenameTarget extends DiffContext {
  readonly fromItems: Map<string, Entry>;
  readonly toItems: Map<string, Entry>;
  from: Database;
}

interface Rename {
  from: string;
  to: string;
}

/**
 * Apply renames (the new side's `oldname` attributes and the options'
 * hints) to the old side's items, so that the rest of the diff compares
 * the renamed object with its new definition, children included; returns
 * the RENAME statements. A rename already applied (the old name is gone)
 * is skipped, so a second run prints nothing.
 */
export function applyRenames(state: RenameTarget): Statement[] {
  const renames = [...hintRenames(state.options.renames ?? []), ...oldnameRenames(state.toItems)];
  const out: Statement[] = [];
  renames.sort((a, b) => depth(a.from) - depth(b.from));
  for (const written of renames) {
    // Routine keys carry their identity arguments: match what the hint or oldname wrote.
    const rename = resolveRoutineRename(written, state.fromItems, state.toItems);
    const old = state.fromItems.get(rename.from);
    const next = state.toItems.get(rename.to);
    if (!old || state.fromItems.has(rename.to)) continue;
    if (!next) {
      throw new InputError(`cannot rename ${rename.from} to ${rename.to}: the target has no ${rename.to}`, {
        hints: ["a rename hint is KIND:OLD=NEW with NEW the name in the target schema, e.g. table:app.a=app.b or column:app.t.a=b"],
      });
    }
    if (old.differ !== next.differ || !old.differ.rename) continue;
    out.push(...old.differ.rename(old.item, next.item, state));
    moveItems(state, rename);
  }
  return out;
}

function hintRenames(hints: readonly RenameHint[]): Rename[] {
  return hints.map((hint) => {
    const parts = splitDotted(hint.from);
    const toParts = splitDotted(hint.to);
    const to = toParts.length > 1 || parts.length === 1 ? hint.to : [...parts.slice(0, -1), hint.to].join(".");
    return { from: `${hint.kind} ${hint.from}`, to: `${hint.kind} ${to}` };
  });
}

function oldnameRenames(toItems: Map<string, Entry>): Rename[] {
  const out: Rename[] = [];
  for (const [ref, entry] of toItems) {
    const oldname = (entry.item.value as { oldname?: string } | null)?.oldname;
    if (oldname === undefined || !ref.endsWith(entry.item.name)) continue;
    out.push({ from: ref.slice(0, ref.length - entry.item.name.length) + oldname, to: ref });
  }
  return out;
}

function depth(ref: string): number {
  return ref.startsWith("schema ") ? 0 : ref.split(".").length;
}

function pathOf(ref: string): [string, string] {
  const space = kindLength(ref);
  return [ref.slice(0, space), ref.slice(space + 1)];
}

/** The kind prefix may hold spaces (`materialized view`); the path starts after the last space before the first dot. */
function kindLength(ref: string): number {
  const dot = ref.indexOf(".");
  const head = dot < 0 ? ref : ref.slice(0, dot);
  return head.lastIndexOf(" ");
}

/** Re-key the renamed object and its descendants, and rewrite references to it in the old side's values. */
function moveItems(state: RenameTarget, rename: Rename): void {
  const [kind, oldPath] = pathOf(rename.from);
  const [, newPath] = pathOf(rename.to);
  const mapRef = (ref: string | undefined): string | undefined => {
    if (ref === undefined) return ref;
    if (ref === rename.from) return rename.to;
    const [k, p] = pathOf(ref);
    if (p.startsWith(`${oldPath}.`) && (kind === "schema" || isRelationChild(k))) return `${k} ${newPath}${p.slice(oldPath.length)}`;
    return ref;
  };
  const moved = new Map<string, Entry>();
  for (const [ref, entry] of state.fromItems) {
    const item = { ...entry.item, ref: mapRef(ref) as string, parent: mapRef(entry.item.parent) };
    rewriteNames(item, kind, oldPath, newPath);
    moved.set(item.ref, new Entry(item, entry.differ));
  }
  state.fromItems.clear();
  for (const [ref, entry] of moved) state.fromItems.set(ref, entry);
  const deps = state.from.dependencies;
  if (deps) {
    const next: Record<string, string[]> = {};
    for (const [ref, list] of Object.entries(deps)) next[mapRef(ref) as string] = list.map((r) => mapRef(r) as string);
    state.from = { ...state.from, dependencies: next };
  }
}

function isRelationChild(kind: string): boolean {
  return relationChildKinds.has(kind);
}

/** Update an item's own fields and the names its attributes use. */
function rewriteNames(item: Item, kind: string, oldPath: string, newPath: string): void {
  const oldParts = splitDotted(oldPath);
  const newParts = splitDotted(newPath);
  if (kind === "schema") {
    if (item.schema === oldPath) item.schema = newPath;
    if (item.kind === "schema" && item.name === oldPath) item.name = newPath;
    item.value = renameInValue(item.value, (s) => replaceQualified(s, oldPath, undefined, newPath, undefined), {
      schema: [oldPath, newPath],
    });
    return;
  }
  const [schema, name] = [oldParts[0] as string, oldParts.at(-1) as string];
  const newName = newParts.at(-1) as string;
  if (kind === "column") {
    const table = oldParts[1] as string;
    if (item.schema === schema && item.table === table) {
      if (item.kind === "column" && item.name === name) item.name = newName;
      item.value = renameColumnInValue(item.value, name, newName);
    }
    item.value = renameReferencedColumn(item.value, schema, table, name, newName);
    return;
  }
  if (oldParts.length === 2) {
    if (item.schema === schema && item.table === name) item.table = newName;
    if (item.ref.endsWith(` ${newPath}`) && item.name === name) item.name = newName;
    item.value = renameInValue(item.value, (s) => replaceQualified(s, schema, name, schema, newName), { table: [schema, name, newName] });
  }
}

type Rewrite = (text: string) => string;

/** Rewrite strings (view bodies, defaults, expressions) and structured references in a value. */
function renameInValue(
  value: unknown,
  rewrite: Rewrite,
  structured: { schema?: [string, string]; table?: [string, string, string] },
): unknown {
  const next = renameInValueCopy(value, rewrite, structured);
  // Unchanged values keep their identity (differs may key facts on them, and copies cost).
  return deepEqual(next, value) ? value : next;
}

function renameInValueCopy(
  value: unknown,
  rewrite: Rewrite,
  structured: { schema?: [string, string]; table?: [string, string, string] },
): unknown {
  if (typeof value === "string") return rewrite(value);
  if (Array.isArray(value)) return value.map((v) => renameInValueCopy(v, rewrite, structured));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = renameInValueCopy(v, rewrite, structured);
  const ref = out as { references?: { schema?: string; table?: string }; owner_table?: string; partition_of?: string; inherits?: string[] };
  if (structured.schema && ref.references?.schema === structured.schema[0])
    ref.references = { ...ref.references, schema: structured.schema[1] };
  if (structured.table) {
    const [schema, table, next] = structured.table;
    if (ref.references && ref.references.table === table && (ref.references.schema ?? schema) === schema)
      ref.references = { ...ref.references, table: next };
    if (ref.owner_table === table) ref.owner_table = next;
    if (ref.partition_of === table) ref.partition_of = next;
    if (ref.inherits) ref.inherits = ref.inherits.map((p) => (p === table ? next : p));
  }
  return out;
}

const part = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`;

function unquote(p: string): string {
  return p.startsWith('"') ? p.slice(1, -1).replaceAll('""', '"') : p.toLowerCase();
}

function quoteIfNeeded(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name` tokens: rename the schema (name undefined) or one object. */
function replaceQualified(text: string, schema: string, name: string | undefined, newSchema: string, newName: string | undefined): string {
  const re = new RegExp(`(?<![A-Za-z0-9_$."])(${part})\\.(${part})`, "g");
  return text.replace(re, (match, s: string, n: string) => {
    if (unquote(s) !== schema) return match;
    if (name === undefined) return `${quoteIfNeeded(newSchema)}.${n}`;
    return unquote(n) === name ? `${s}.${quoteIfNeeded(newName as string)}` : match;
  });
}

/** Inside the renamed column's own table: column lists, index keys, expressions. */
function renameColumnInValue(value: unknown, oldName: string, newName: string): unknown {
  const word = new RegExp(`(?<![A-Za-z0-9_$."])${oldName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_$"])`, "g");
  const visit = (v: unknown, key?: string): unknown => {
    if (typeof v === "string") {
      if (v === oldName) return newName;
      return key === "description" ? v : v.replace(word, quoteIfNeeded(newName));
    }
    if (Array.isArray(v)) return v.map((x) => visit(x, key));
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "references") out[k] = x;
      else out[k === oldName ? newName : k] = visit(x, k);
    }
    return out;
  };
  const next = visit(value);
  return deepEqual(next, value) ? value : next;
}

/** Foreign keys elsewhere that reference the renamed column, and sequences it owns. */
function renameReferencedColumn(value: unknown, schema: string, table: string, oldName: string, newName: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const v = value as { references?: { schema?: string; table?: string; columns?: string[] }; owner_table?: string; owner_column?: string };
  let out = value as Record<string, unknown>;
  if (
    v.references &&
    v.references.table === table &&
    (v.references.schema ?? schema) === schema &&
    v.references.columns?.includes(oldName)
  ) {
    out = { ...out, references: { ...v.references, columns: v.references.columns.map((c) => (c === oldName ? newName : c)) } };
  }
  if ((v.owner_table === table || v.owner_table === `${schema}.${table}`) && v.owner_column === oldName)
    out = { ...out, owner_column: newName };
  return out;
}
