import { OutsideSubset } from "./canonical-scalars.js";
import { NL, SPACE } from "./char-codes.js";

/** A literal block scalar as read: its text, where its node ends, and the start of the line after it. */
export interface BlockScalar {
  value: string;
  end: number;
  next: number;
}

const header = /\|(?:([1-9])([-+]?)|([-+])([1-9])?)?\n/y;

function outside(): never {
  throw new OutsideSubset();
}

/** Whether a line with content (not only spaces) at `indent` or deeper comes before the block ends, from line start `p`. */
function contentFollows(text: string, p: number, indent: number): boolean {
  while (p < text.length) {
    let i = p;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) !== NL) return i - p >= indent && i < text.length;
    p = i + 1;
  }
  return false;
}

/**
 * A `|` block scalar whose indicator is at `start`, in a collection at
 * column `col` (an explicit indentation indicator counts from there).
 * A line of only spaces is content when it has more than the indentation
 * and a line with content follows in the block (the writer's form of a
 * line of blanks); other such lines leave the subset: whether they are content or empty depends on rules the writer
 * never needs.
 */
export function blockScalar(text: string, start: number, col: number): BlockScalar {
  header.lastIndex = start;
  const match = header.exec(text);
  if (!match) outside();
  const digit = match[1] ?? match[4];
  const chomp = match[2] || match[3] || "";
  let indent = digit === undefined ? 0 : col + Number(digit);
  const lines: string[] = [];
  let blanks = 0;
  let p = header.lastIndex;
  let contentEnd = -1;
  while (p < text.length) {
    let i = p;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) === NL && !(indent > 0 && i - p > indent && contentFollows(text, i + 1, indent))) {
      if (i > p) outside();
      blanks++;
      p = i + 1;
      continue;
    }
    if (i === text.length) outside();
    if (indent === 0) indent = i - p > col ? i - p : outside();
    if (i - p < indent) break;
    for (; blanks > 0; blanks--) lines.push("");
    const eol = text.indexOf("\n", i);
    if (eol === -1) outside();
    lines.push(text.slice(p + indent, eol));
    p = contentEnd = eol + 1;
  }
  if (lines.length === 0) outside();
  const body = lines.join("\n");
  if (chomp === "-") return { value: body, end: contentEnd, next: p };
  if (chomp === "") return { value: `${body}\n`, end: contentEnd, next: p };
  return { value: `${body}\n${"\n".repeat(blanks)}`, end: p, next: p };
}
