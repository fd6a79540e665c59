import { Document, isScalar, Scalar, type Schema } from "yaml";
import { nodeFactory } from "./canonical-nodes.js";
import {
  BACKSLASH,
  DASH,
  DIGIT_0,
  DIGIT_9,
  DOT,
  DOUBLE_QUOTE,
  LOWER_A,
  LOWER_E,
  LOWER_Z,
  NL,
  PLUS,
  SINGLE_QUOTE,
  TILDE,
  UPPER_A,
  UPPER_E,
  UPPER_Z,
} from "./char-codes.js";

/**
 * Scalars of the canonical subset (see canonical.ts), read without the
 * library's lexer but resolved by the library's own YAML 1.1 tags, so a
 * plain `yes`, `0o17` or `1_000` gets exactly the value (and `format`) that
 * `parseDocument` would give it.
 */

/** Thrown when the text leaves the subset; the caller re-reads it with the library. */
export class OutsideSubset extends Error {}

/** The same options as the library parse in read.ts, so tags resolve alike (intAsBigInt). */
export const parseOptions = { version: "1.1", uniqueKeys: false, intAsBigInt: true } as const;

const template = new Document(null, parseOptions);
export const schema: Schema = template.schema;
const tagOptions = template.options;
export const nodes = nodeFactory(schema);

type ScalarTag = (typeof schema.tags)[number] & { test?: RegExp };
/** The tags the library tries on a plain scalar, in its order (`default: "key"` is the merge key `<<`, refused below). */
const plainTags = (schema.tags as ScalarTag[]).filter((tag) => tag.default === true && tag.test !== undefined);

/** The letter-initial words a YAML 1.1 tag matches (null and booleans); the tags' float pattern also takes `e5` (as NaN), hence e and E below. */
const words = new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
  "on",
  "On",
  "ON",
  "off",
  "Off",
  "OFF",
  "null",
  "Null",
  "NULL",
]);

/** Could a tag other than str match this plain text? False only where none can (checked against the library in the tests). */
export function mayResolve(text: string): boolean {
  const c = text.charCodeAt(0);
  if ((c >= UPPER_A && c <= UPPER_Z) || (c >= LOWER_A && c <= LOWER_Z)) return c === LOWER_E || c === UPPER_E || words.has(text);
  // Digits, sign, dot, `~`, or empty (null); `<` for `<<`, which never gets here.
  return Number.isNaN(c) || (c >= DIGIT_0 && c <= DIGIT_9) || c === PLUS || c === DASH || c === DOT || c === TILDE;
}

function outside(): never {
  throw new OutsideSubset();
}

/** A plain scalar as the library composes it: value from the first matching tag, `source` the text. */
export function plainScalar(text: string, start: number, end: number, nodeEnd: number): Scalar {
  let node: Scalar;
  const tag = mayResolve(text) ? plainTags.find((t) => t.test?.test(text)) : undefined;
  if (tag) {
    const value = resolveWith(tag, text);
    node = isScalar(value) ? value : new Scalar(value);
    if (tag.format) node.format = tag.format;
  } else {
    node = nodes.scalar(text);
  }
  node.range = [start, end, nodeEnd];
  node.source = text;
  node.type = Scalar.PLAIN;
  return node;
}

/** A tag's value for `text`; where the library would report an error (`0_` as an octal BigInt), give up and let it. */
function resolveWith(tag: ScalarTag, text: string): unknown {
  try {
    return (tag.resolve as (s: string, onError: () => void, o: typeof tagOptions) => unknown)(text, outside, tagOptions);
  } catch {
    return outside();
  }
}

/** A quoted or block scalar: always a string. */
export function textScalar(value: string, type: Scalar.Type, start: number, end: number, nodeEnd: number): Scalar {
  const node = nodes.scalar(value);
  node.range = [start, end, nodeEnd];
  node.source = value;
  node.type = type;
  return node;
}

/** A single-line `'...'` starting at `start`; returns the value and the offset after the closing quote. */
export function singleQuoted(text: string, start: number): [string, number] {
  let out = "";
  let from = start + 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) break;
    if (c !== SINGLE_QUOTE) continue;
    out += text.slice(from, i);
    if (text.charCodeAt(i + 1) !== SINGLE_QUOTE) return [out, i + 1];
    out += "'";
    from = ++i + 1;
  }
  return outside();
}

const escapes: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};
const hexLengths: Record<string, number> = { x: 2, u: 4, U: 8 };
const hex = /^[0-9a-fA-F]+$/;

/** A single-line `"..."` starting at `start`; returns the value and the offset after the closing quote. */
export function doubleQuoted(text: string, start: number): [string, number] {
  let out = "";
  let from = start + 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) break;
    if (c === DOUBLE_QUOTE) return [out + text.slice(from, i), i + 1];
    if (c !== BACKSLASH) continue;
    out += text.slice(from, i);
    const letter = text[i + 1] as string;
    const simple = escapes[letter];
    const length = hexLengths[letter];
    if (simple !== undefined && Object.hasOwn(escapes, letter)) {
      out += simple;
      i += 1;
    } else if (length !== undefined && Object.hasOwn(hexLengths, letter)) {
      const digits = text.slice(i + 2, i + 2 + length);
      const code = digits.length === length && hex.test(digits) ? parseInt(digits, 16) : NaN;
      if (!(code <= 0x10ffff)) break;
      out += String.fromCodePoint(code);
      i += 1 + length;
    } else {
      break;
    }
    from = i + 1;
  }
  return outside();
}
