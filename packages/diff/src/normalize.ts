/**
 * Semantic comparison of SQL text the server normalises (view bodies,
 * defaults, CHECK and index expressions). Without a server at hand the
 * comparison is textual after canonicalising what PostgreSQL's deparser
 * varies on: whitespace, letter case outside literals and quoted names, and
 * redundant outer parentheses. `setExpressionComparer` installs a stronger
 * one (the parser's trees, or the server's own rendering).
 */
export type ExpressionComparer = (a: string, b: string) => boolean;

let comparer: ExpressionComparer = canonicalEqual;

export function setExpressionComparer(next: ExpressionComparer | undefined): void {
  comparer = next ?? canonicalEqual;
}

export function sameExpression(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return comparer(a, b);
}

export function canonicalEqual(a: string, b: string): boolean {
  return canonicalSql(a) === canonicalSql(b);
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

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
