/**
 * The pieces of SQL text that may hide a semicolon: quoted strings and
 * identifiers, dollar quotes, comments. Each function takes the offset of
 * the piece's first character and returns the offset just past its end, or
 * `undefined` when the text ends first (the caller reports where it began).
 */

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CONTINUE = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

export const isIdentStart = (ch: string | undefined): boolean => ch !== undefined && IDENT_START.test(ch);

/** A word: keyword or unquoted identifier (letters, digits, `_`, `$`). */
export function wordEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && IDENT_CONTINUE.test(text[i] ?? "")) i++;
  return i;
}

/** `-- ...` up to the end of the line (the newline is left). */
export function lineCommentEnd(text: string, start: number): number {
  const nl = text.indexOf("\n", start);
  return nl === -1 ? text.length : nl;
}

/** `/* ... *\/`, which nests in PostgreSQL. */
export function blockCommentEnd(text: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    if (pair === "/*") {
      depth++;
      i++;
    } else if (pair === "*/") {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

/**
 * A quoted string or identifier starting at `start` (the opening quote).
 * A doubled quote stands for one; with `backslashes`, a backslash escapes
 * the next character (E'' strings, and '' strings when
 * standard_conforming_strings is off).
 */
export function quotedEnd(text: string, start: number, backslashes: boolean): number | undefined {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (backslashes && ch === "\\") i++;
    else if (ch === quote) {
      if (text[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return undefined;
}

/** The tag (`$$`, `$fn$`) of a dollar quote opening at `start`, or undefined (`$1` is a parameter). */
export function dollarTag(text: string, start: number): string | undefined {
  DOLLAR_TAG.lastIndex = start;
  return DOLLAR_TAG.exec(text)?.[0];
}

/** A dollar-quoted string: up to the same tag. */
export function dollarQuotedEnd(text: string, start: number, tag: string): number | undefined {
  const close = text.indexOf(tag, start + tag.length);
  return close === -1 ? undefined : close + tag.length;
}
