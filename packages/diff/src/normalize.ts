import type { parseSync as ParseSync } from "libpg-query";

/** libpg-query's parser: PostgreSQL's own grammar, compiled to WebAssembly. */
export type SqlParser = typeof ParseSync;

let loading: Promise<SqlParser> | undefined;

/**
 * The SQL parser, loaded on first call (the WASM module takes a moment; a
 * diff whose texts are all equal never needs it). It keeps nothing between
 * parses: what a diff does with it depends only on the `Expressions` given.
 */
export function loadSqlParser(): Promise<SqlParser> {
  loading ??= import("libpg-query").then(async (parser) => {
    await parser.loadModule();
    return parser.parseSync;
  });
  return loading;
}

/**
 * How one diff compares SQL text the server normalises (view bodies,
 * defaults, CHECK and index expressions). With a parser, two texts are
 * equal when PostgreSQL's own parser gives the same tree, ignoring
 * positions, type casts (the server adds them: `'basic'::character
 * varying`) and a `pg_catalog.` on function names; parentheses and
 * whitespace never reach the tree. Without one, or for text the parser
 * rejects, the comparison is textual after canonicalising whitespace, case
 * outside quotes and outer parentheses. Each instance keeps its own cache
 * of canonical forms: a caller that diffs the same models twice passes the
 * same instance.
 */
export class Expressions {
  private readonly keys = new Map<string, string>();
  /**
   * How many texts that differ were compared without a parser. A caller
   * that diffed without one, and sees this still 0, got the answer the
   * parser would have given: equal texts need no parsing.
   */
  unparsed = 0;

  constructor(readonly parser?: SqlParser) {}

  same(a: string | undefined, b: string | undefined): boolean {
    if (a === b) return true;
    if (a === undefined || b === undefined) return false;
    if (this.parser === undefined) this.unparsed++;
    return this.canonical(a) === this.canonical(b);
  }

  /** The form two texts are compared in: a canonical parse tree when there is a parser. */
  canonical(text: string): string {
    let key = this.keys.get(text);
    if (key === undefined) {
      key = this.parser ? (treeKey(this.parser, text) ?? canonicalSql(text)) : canonicalSql(text);
      if (this.keys.size > 100_000) this.keys.clear();
      this.keys.set(text, key);
    }
    return key;
  }
}

/**
 * Two whole statements say the same: the same parse tree, ignoring what
 * `Expressions` ignores (positions, casts, `pg_catalog.`). The server
 * renders a CHECK it was given with its casts moved about; the statement
 * that creates it means the same either way.
 */
export function sameStatementText(parse: SqlParser, a: string, b: string): boolean {
  if (a === b) return true;
  const tree = (text: string) => {
    try {
      return JSON.stringify(strip(parse(text).stmts));
    } catch {
      return text;
    }
  };
  return tree(a) === tree(b);
}

/** Expressions compared by parse tree (the parser loaded first). */
export async function parsedExpressions(): Promise<Expressions> {
  return new Expressions(await loadSqlParser());
}

function treeKey(parse: SqlParser, text: string): string | undefined {
  const body = text.trim().replace(/;\s*$/, "");
  const statement = /^(select|with|values|table)\b/i.test(body) || /^\(\s*select\b/i.test(body) ? body : `SELECT (${body})`;
  try {
    return JSON.stringify(strip(unqualifySingleRelation(parse(statement).stmts)));
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
    if (
      key === "funcname" &&
      Array.isArray(value) &&
      value.length === 2 &&
      (value[0] as { String?: { sval?: string } }).String?.sval === "pg_catalog"
    ) {
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
  let t = out
    .replace(/\s*([(),;:=<>+*/-])\s*/g, "$1")
    .trim()
    .replace(/;$/, "");
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
