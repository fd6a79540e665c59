import { parse, Scalar } from "yaml";

/**
 * Scalar styles, chosen explicitly so that output is stable and reads back
 * as the same string in YAML 1.1 (PyYAML, hence Pyrseas) and YAML 1.2 readers.
 */

/** Options for every document pgvc writes: PyYAML's layout (2-space indent, sequences not indented under their key), no folding, JSON escapes in double quotes. */
export const toStringOptions = { indent: 2, indentSeq: false, lineWidth: 0, minContentWidth: 0, doubleQuotedAsJSON: true } as const;

const yaml11Words = new Set(["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"]);
/** Number-like text: ints (also 0123, 0x1f, 0o7, 0b1, 1_000), floats, 1e3, sexagesimal 1:30, dates. */
const numberLike = /^[-+]?\.?[0-9][0-9a-fA-FxXoObB_.:+-]*$/;
const specialFloat = /^[-+]?\.(?:inf|nan)$/i;
const timestamp =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;
/** Characters that YAML cannot hold unescaped, or that YAML 1.1 reads as line breaks (NEL, LS, PS). */
// eslint-disable-next-line no-control-regex
const needsEscape = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]/;
const commonPlain = /^[A-Za-z_](?:[A-Za-z0-9_(),. ]*[A-Za-z0-9_()])?$/;
const indicatorStart = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** Would this text read back as the same string when written plain, in YAML 1.1 and 1.2? */
export function isPlainSafe(text: string): boolean {
  // Most names and types (`orders`, `character varying(20)`): starting with a letter and ending in no space,
  // they can only be misread as a YAML 1.1 word; the full checks below are for the rest.
  if (commonPlain.test(text)) return !yaml11Words.has(text.toLowerCase());
  if (text === "" || text.trim() !== text) return false;
  if (/[\n\r\t]/.test(text) || needsEscape.test(text)) return false;
  if (indicatorStart.test(text) || text.startsWith("...")) return false;
  if (text.includes(": ") || text.includes(" #") || text.endsWith(":")) return false;
  if (yaml11Words.has(text.toLowerCase())) return false;
  if (numberLike.test(text) || specialFloat.test(text) || timestamp.test(text)) return false;
  return text !== "<<" && text !== "=";
}

function scalar(value: unknown, type: Scalar.Type): Scalar {
  const node = new Scalar(value);
  node.type = type;
  return node;
}

/** A string as a key or single-line value: plain when safe, else single-quoted, else double-quoted. */
export function inlineString(text: string): Scalar {
  return scalar(text, inlineStyle(text));
}

export function inlineStyle(text: string): Scalar.Type {
  if (isPlainSafe(text)) return Scalar.PLAIN;
  if (/[\n\r]/.test(text) || needsEscape.test(text)) return Scalar.QUOTE_DOUBLE;
  return Scalar.QUOTE_SINGLE;
}

/**
 * A string value. Multi-line text becomes a `|` block scalar (the library
 * picks `|`, `|-`, `|+` and an indentation indicator to keep leading and
 * trailing newlines exact), as Pyrseas writes function sources and view
 * definitions, also when a line ends in blanks: a literal block keeps them
 * (YAML 1.1 and 1.2 alike). Text a block cannot hold exactly (a carriage
 * return, characters that need escapes, blanks after the last line break)
 * is double-quoted.
 */
export function stringValue(text: string): Scalar {
  return scalar(text, valueStyle(text));
}

/** The style `stringValue` writes `text` in. */
export function valueStyle(text: string): Scalar.Type {
  if (!text.includes("\n")) return inlineStyle(text);
  // Blanks on a line after the last one with content: readers differ on whether they are content.
  if (/\n[ \t]+(?:\n[ \t]*)*$/.test(text) || /\r/.test(text) || needsEscape.test(text)) return Scalar.QUOTE_DOUBLE;
  return blockRoundTrips(text) ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
}

/** The block reads back as `text`, and holds no line of blanks that are only its indentation (an empty line to a reader, stripped by editors). */
function blockRoundTrips(text: string): boolean {
  const out = `k: ${blockLiteral(text, "  ")}\n`;
  return !/\n[ \t]{1,2}\n/.test(out) && (parse(out, { version: "1.1" }) as { k: unknown }).k === text;
}

const documentMarker = /^(%|---|\.\.\.)/m;
const blockEndNewlines = /(^|(?<!\n))\n+(?!\n|$)/g;

/** A `|` block scalar with the chomping and indentation indicators the library picks. */
export function blockLiteral(text: string, contextIndent: string): string {
  const indent = contextIndent || (documentMarker.test(text) ? "  " : "");
  let endStart = text.length;
  while (endStart > 0 && "\n\t ".includes(text[endStart - 1] as string)) endStart--;
  let end = text.substring(endStart);
  const endNewline = end.indexOf("\n");
  const chomp = endNewline === -1 ? "-" : text === end || endNewline !== end.length - 1 ? "+" : "";
  let body = text;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith("\n")) end = end.slice(0, -1);
    end = end.replace(blockEndNewlines, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNewline = -1;
  for (; startEnd < body.length; ++startEnd) {
    const ch = body[startEnd];
    if (ch === " ") startWithSpace = true;
    else if (ch === "\n") startNewline = startEnd;
    else break;
  }
  // Leading empty lines stay empty (an indented empty line would end in
  // whitespace); as in PyYAML, a leading space or newline gets an
  // indentation indicator so the content's indentation is never guessed.
  const leadingNewlines = startNewline >= 0 && !startWithSpace ? body.substring(0, startNewline + 1) : "";
  let start = leadingNewlines ? "" : body.substring(0, startNewline < startEnd ? startNewline + 1 : startEnd);
  body = body.substring(leadingNewlines.length);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace || leadingNewlines ? (indent ? "2" : "1") : "") + chomp;
  return `|${header}\n${leadingNewlines}${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
}

export function numberValue(value: number): Scalar {
  return scalar(value, Scalar.PLAIN);
}
