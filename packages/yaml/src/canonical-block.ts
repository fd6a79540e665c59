import { OutsideSubset } from "./canonical-scalars.js";

/** A literal block scalar as read: its text, where its node ends, and the start of the line after it. */
export interface BlockScalar {
  value: string;
  end: number;
  next: number;
}

const NL = 10;
const SPACE = 32;
const header = /\|(?:([1-9])([-+]?)|([-+])([1-9])?)?\n/y;

function outside(): never {
  throw new OutsideSubset();
}

/**
 * A `|` block scalar whose indicator is at `start`, in a collection at
 * column `col` (an explicit indentation indicator counts from there).
 * Lines holding only spaces leave the subset: whether they are content or
 * empty depends on rules the writer never needs.
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
    if (text.charCodeAt(i) === NL) {
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
