import type { parseSync as ParseSync } from "libpg-query";

/**
 * Semantic comparison of SQL text the server normalises (view bodies,
 * defaults, CHECK and index expressions). Once `loadSqlParser()` has run,
 * two texts are equal when PostgreSQL's own parser (libpg-query) gives the
 * same tree, ignoring positions, type casts (the server adds them:
 * `'basic'::character varying`) and a `pg_catalog.` on function names;
 * parentheses and whitespace never reach the tree. Before that, or for
 * text the parser rejects, the comparison is textual after canonicalising
 * whitespace, case outside quotes and outer parentheses.
 */
export type ExpressionComparer = (a: string, b: string) => boolean;

let comparer: ExpressionComparer = (a, b) => canonicalExpression(a) === canonicalExpression(b);
let parseSync: typeof ParseSync | undefined;
let parserLoaded = false;
let unparsed = 0;
const keys = new Map<string, string>();

export function setExpressionComparer(next: ExpressionComparer | undefined): void {
  comparer = next ?? ((a, b) => canonicalExpression(a) === canonicalExpression(b));
}

/**
 * Load the WASM parser once; later comparisons use parse trees. It is
 * imported here, not at start-up: a diff whose texts are all equal never
 * needs it (see `comparisonsWithoutParser`).
 */
export async function loadSqlParser(): Promise<void> {
  if (parserLoaded) return;
  const parser = await import("libpg-query");
  await parser.loadModule();
  parseSync = parser.parseSync;
  parserLoaded = true;
  keys.clear();
}

/**
 * How many texts that differ have been compared without the parser so
 * far. A caller that diffed before loading it, and sees this count
 * unchanged, got the answer the parser would have given: equal texts
 * need no parsing.
 */
export function comparisonsWithoutParser(): number {
  return unparsed;
}

export function sameExpression(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (!parserLoaded) unparsed++;
  return comparer(a, b);
}

/** The form two texts are compared in: a canonical parse tree when the parser is loaded. */
export function canonicalExpression(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    key = parserLoaded ? (treeKey(text) ?? canonicalSql(text)) : canonicalSql(text);
    if (keys.size > 100_000) keys.clear();
    keys.set(text, key);
  }
  return key;
}

function treeKey(text: string): string | undefined {
  const body = text.trim().replace(/;\s*$/, "");
  const statement = /^(select|with|values|table)\b/i.test(body) || /^\(\s*select\b/i.test(body) ? body : `SELECT (${body})`;
  try {
    return JSON.stringify(strip(unqualifySingleRelation((parseSync as typeof ParseSync)(statement).stmts)));
  } catch {
    return undefined;
  }
}

/**
 * In a query over one relation, `item.qty` and `qty` are the same column:
 * PostgreSQL qualifies every column in a stored view, people rarely do.
 */
function unqualifySingleRelation(node: unknown, qualifier?: string): unknown {
  if (Array.isArray(node)) return node.map((n) => unqualifySingleRelation(n, qualifier));
  if (node === null || typeof node !== "object") return node;
  const obj = node as Record<string, unknown>;
  let name = qualifier;
  const select = obj.SelectStmt as { fromClause?: { RangeVar?: { relname?: string; alias?: { aliasname?: string } } }[] } | undefined;
  if (select?.fromClause) {
    const only = select.fromClause.length === 1 ? select.fromClause[0]?.RangeVar : undefined;
    name = only ? (only.alias?.aliasname ?? only.relname) : undefined;
  }
  const ref = obj.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined;
  if (ref?.fields && ref.fields.length === 2 && name !== undefined && ref.fields[0]?.String?.sval === name) {
    return { ColumnRef: { ...ref, fields: ref.fields.slice(1) } };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) out[key] = unqualifySingleRelation(value, name);
  return out;
}

const positionKeys = new Set(["location", "stmt_location", "stmt_len", "list_start", "list_end"]);

/** Drop what does not change meaning: positions, casts, `pg_catalog.` on functions. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  const obj = node as Record<string, unknown>;
  if ("TypeCast" in obj) return strip((obj.TypeCast as { arg: unknown }).arg);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (positionKeys.has(key) || key.endsWith("_location")) continue;
    if (key === "funcname" && Array.isArray(value) && value.length === 2 && (value[0] as { String?: { sval?: string } }).String?.sval === "pg_catalog") {
      out[key] = strip(value.slice(1));
    } else out[key] = strip(value);
  }
  return out;
}

/** Whitespace collapsed, case folded outside quotes, outer parentheses and a final semicolon dropped. */
export function canonicalSql(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "'" || ch === '"') {
      const end = closingQuote(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (/\s/.test(ch)) {
      while (i < text.length && /\s/.test(text[i] as string)) i++;
      out += " ";
    } else {
      out += ch.toLowerCase();
      i++;
    }
  }
  let t = out.replace(/\s*([(),;:=<>+*/-])\s*/g, "$1").trim().replace(/;$/, "");
  while (t.startsWith("(") && t.endsWith(")") && balanced(t.slice(1, -1))) t = t.slice(1, -1);
  return t;
}

function closingQuote(text: string, start: number): number {
  const q = text[start];
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === q) {
      if (text[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/** Whether every parenthesis in `text` closes, in order. */
export function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
