import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Scalar, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import { doubleQuoted, nodes, OutsideSubset, parseOptions, plainScalar, singleQuoted, textScalar } from "./canonical-scalars.js";
import { blockScalar } from "./canonical-block.js";
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  DASH,
  DOUBLE_QUOTE,
  HASH,
  NL,
  OPEN_BRACE,
  OPEN_BRACKET,
  PIPE,
  SINGLE_QUOTE,
  SPACE,
  TAB,
} from "./char-codes.js";

/**
 * A direct reader for the block-style YAML that pgvc's writer emits (and
 * that Pyrseas files mostly are): block maps and lists, single-line plain
 * and quoted scalars, `|` block scalars, empty `{}` and `[]`. It builds the
 * library's own nodes with the ranges `parseDocument` would give them, so
 * NodeReader reports problems at the same line and column, at a fraction
 * of the library's cost (its lexer, parser and composer allocate several
 * objects per token).
 *
 * Anything else (comments other than whole lines opening the document,
 * anchors, tags, flow content, folded or multi-line scalars, tabs, CR,
 * directives, `? ` keys, merge keys ...)
 * makes it give up: `readCanonical` returns undefined and the caller parses
 * the text with the library, which also reports the syntax errors.
 *
 * The whole text is checked before it returns, but the values one level
 * below the top (each object of a schema) are made when they are read, so
 * a large file never has all its nodes in memory at once.
 */
export function readCanonical(text: string): { doc: Document; root: Node; lines: LineCounter } | undefined {
  if (outsideSubset.test(text)) return undefined;
  try {
    const parser = new CanonicalParser(text, true);
    const root = parser.document();
    const doc = new Document(null, parseOptions);
    doc.contents = root;
    doc.range = [root.range?.[0] as number, root.range?.[2] as number, parser.documentEnd(root)];
    return { doc, root, lines: lineCounter(text) };
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/**
 * CR (the library folds CRLF), a byte order mark, and lines opening a
 * directive or a document marker. Other controls, NEL, LS and PS are plain
 * characters to the library, as here (the writer leaves some of them raw
 * inside double quotes).
 */
const outsideSubset = /\r|^(?:\ufeff|---|\.\.\.|%)/m;

/**
 * How many deferred values (see CanonicalParser's `deferred`) have been read
 * again from the text in this process. Only tests ask: each costs a parse of
 * its object, so the reader must ask for each once.
 */
export const deferredReads = { count: 0 };

/** Line starts as the library records them: 0 and after every line break. */
function lineCounter(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** Characters that cannot start a plain scalar here: YAML indicators, plus `?` and `:` kept out for simplicity. */
const notPlainStart = new Set([..."#&*!|>'\"%@`{}[],?:"].map((c) => c.charCodeAt(0)));

function outside(): never {
  throw new OutsideSubset();
}

class CanonicalParser {
  /** Start of the line after the last node read. */
  private pos = 0;
  /** How many maps enclose the one being read. */
  private depth = 0;
  /** The value of the last deferred pair, as read while checking: the document's end is found in it without reading it again. */
  private lastDeferred: Node | undefined;

  /**
   * `deferred`: the values in the maps one level below the top (a schema's
   * objects, an extension's attributes) are checked here, then dropped and
   * read again when the reader asks for them, so that only one object's
   * nodes are held at a time instead of the whole file's.
   */
  constructor(
    private readonly text: string,
    private readonly deferred = false,
  ) {}

  /** The value after the `:` at `p` of a key in a map at column `col`, read again (see `deferred`). */
  static valueAt(text: string, col: number, p: number): Node {
    deferredReads.count++;
    try {
      return new CanonicalParser(text).value(col, p);
    } catch (error) {
      // It was read once already: reading it again cannot leave the subset.
      throw error instanceof OutsideSubset ? new Error(`the YAML value at offset ${p} no longer reads`) : error;
    }
  }

  document(): Node {
    const first = this.contentLine(this.afterComments(0));
    if (first >= this.text.length || this.indent(first) !== 0) outside();
    const empty = this.isFlowEmpty(first);
    const root = empty ? this.inline(first, 0, 0, false) : this.map(0, first);
    // The library ends an empty document (`{}`) followed by empty lines at an offset of its own.
    if (this.contentLine(this.pos) < this.text.length || (empty && this.pos < this.text.length)) outside();
    return root;
  }

  /** Where the library ends the document: at the end of the text, but where the last value is empty, at that value. */
  documentEnd(root: Node): number {
    let node: unknown = root;
    let maps = 0;
    while ((isMap(node) || isSeq(node)) && node.items.length > 0) {
      const last = node.items[node.items.length - 1];
      // The pairs of a map inside one other map are deferred (see `deferred`): the last one's value was kept.
      const deferred = isMap(node) && maps++ === 1 && this.deferred;
      node = isPair(last) ? (deferred ? this.lastDeferred : last.value) : last;
    }
    const range = (node as Node).range as [number, number, number];
    return isScalar(node) && range[0] === range[2] ? range[2] : this.text.length;
  }

  /** Skip the whole-line comments that open the document (the writer's dialect line); elsewhere a comment leaves the subset. */
  private afterComments(p: number): number {
    const { text } = this;
    while (text.charCodeAt(p) === HASH) {
      const end = text.indexOf("\n", p);
      if (end === -1) return text.length;
      p = end + 1;
    }
    return p;
  }

  /** Skip empty lines from line start `p`; a line of only spaces, a comment or a tab in the indentation leaves the subset. */
  private contentLine(p: number): number {
    const { text } = this;
    while (p < text.length) {
      const i = p + this.indent(p);
      const c = text.charCodeAt(i);
      if (c !== NL) {
        if (Number.isNaN(c) || c === HASH) outside();
        return p;
      }
      if (i > p) outside();
      p = i + 1;
    }
    return text.length;
  }

  private indent(p: number): number {
    const { text } = this;
    let i = p;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) === TAB) outside();
    return i - p;
  }

  /** Offset after the spaces and line break ending a value at `end`; the next line starts there. */
  private lineEnd(end: number): number {
    const { text } = this;
    let i = end;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i === text.length) return (this.pos = i);
    if (text.charCodeAt(i) !== NL) outside();
    return (this.pos = i + 1);
  }

  private isSeqItem(p: number): boolean {
    const c = this.text.charCodeAt(p + 1);
    return this.text.charCodeAt(p) === DASH && (c === SPACE || c === NL || Number.isNaN(c));
  }

  private isFlowEmpty(p: number): boolean {
    const c = this.text.charCodeAt(p);
    const close = this.text.charCodeAt(p + 1);
    return (c === OPEN_BRACE && close === CLOSE_BRACE) || (c === OPEN_BRACKET && close === CLOSE_BRACKET);
  }

  /** A block map whose keys sit at column `col`; `first` is where its first key starts. */
  private map(col: number, first: number): YAMLMap {
    const map = nodes.map();
    const deferred = this.deferred && this.depth === 1;
    let p = first;
    let end = first;
    this.depth++;
    for (;;) {
      const key = this.key(p);
      const at = (key.range?.[1] as number) + 1;
      const value = this.value(col, at);
      const { text } = this;
      map.items.push(deferred ? nodes.deferredPair(key, () => CanonicalParser.valueAt(text, col, at)) : nodes.pair(key, value));
      if (deferred) this.lastDeferred = value;
      end = value.range?.[2] as number;
      const next = this.contentLine(this.pos);
      if (next >= this.text.length) break;
      const indent = this.indent(next);
      if (indent < col) break;
      if (indent > col || this.isSeqItem(next + indent)) outside();
      p = next + indent;
    }
    this.depth--;
    map.range = [first, end, end];
    return map;
  }

  /** A map key at `p`: plain or quoted, on one line, its `:` right after it (at the key's `range[1]`). */
  private key(p: number): Scalar {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const [value, end] = c === SINGLE_QUOTE ? singleQuoted(text, p) : doubleQuoted(text, p);
      if (!this.isColon(end) || end - p > 1024) outside();
      return textScalar(value, c === SINGLE_QUOTE ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE, p, end, end);
    }
    const colon = this.plainEnd(p);
    if (colon === -1 || text.charCodeAt(colon - 1) === SPACE || colon - p > 1024) outside();
    const source = text.slice(p, colon);
    if (source === "<<") outside();
    return plainScalar(source, p, colon, colon);
  }

  private isColon(p: number): boolean {
    const c = this.text.charCodeAt(p + 1);
    return this.text.charCodeAt(p) === COLON && (c === SPACE || c === NL || Number.isNaN(c));
  }

  /**
   * Scan a plain scalar from `p`: the offset of the `:` that makes it a key,
   * or -1 when it runs to the end of the line. A comment or a tab leaves the subset.
   */
  private plainEnd(p: number): number {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (notPlainStart.has(c) || (c === DASH && this.isSeqItem(p))) outside();
    for (let i = p; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === NL) return -1;
      if (ch === COLON && this.isColon(i)) return i;
      if (ch === TAB || (ch === HASH && text.charCodeAt(i - 1) === SPACE)) outside();
    }
    return -1;
  }

  /** The value after a key's `:` at `p`, in a map at column `col`. */
  private value(col: number, p: number): Node {
    const { text } = this;
    let s = p;
    while (text.charCodeAt(s) === SPACE) s++;
    const c = text.charCodeAt(s);
    if (c !== NL && !Number.isNaN(c)) return this.inline(s, s, col, false);
    // Nothing on the line: a nested block, a list at the key's own column, or an empty value.
    const next = this.contentLine(s + 1);
    if (next < text.length) {
      const indent = this.indent(next);
      if (indent > col) return this.block(indent, next + indent);
      if (indent === col && this.isSeqItem(next + indent)) return this.seq(col, next + indent);
    }
    this.pos = Math.min(s + 1, text.length);
    return plainScalar("", s, s, s);
  }

  /** A map or a list alone on its lines at column `col`, starting at `p`. */
  private block(col: number, p: number): Node {
    return this.isSeqItem(p) ? this.seq(col, p) : this.map(col, p);
  }

  /** A block list whose `-` sit at column `col`; `first` is the first `-`. */
  private seq(col: number, first: number): YAMLSeq {
    const { text } = this;
    const seq = nodes.seq();
    let p = first;
    let end = first;
    for (;;) {
      let s = p + 1;
      while (text.charCodeAt(s) === SPACE) s++;
      const c = text.charCodeAt(s);
      const item = c === NL || Number.isNaN(c) ? this.emptyItem(col, s) : this.inline(s, col + s - p, col, true);
      seq.items.push(item);
      end = item.range?.[2] as number;
      const next = this.contentLine(this.pos);
      if (next >= text.length) break;
      const indent = this.indent(next);
      if (indent < col || (indent === col && !this.isSeqItem(next + indent))) break;
      if (indent > col) outside();
      p = next + indent;
    }
    seq.range = [first, end, end];
    return seq;
  }

  /** A `-` with nothing after it: a nested block on the next lines, or an empty (null) item. */
  private emptyItem(col: number, s: number): Node {
    const next = this.contentLine(Math.min(s + 1, this.text.length));
    const indent = next < this.text.length ? this.indent(next) : 0;
    if (indent > col) return this.block(indent, next + indent);
    this.pos = Math.min(s + 1, this.text.length);
    return plainScalar("", s, s, s);
  }

  /**
   * A node that starts mid-line at `s` (column `at`) after `key: ` or `- `.
   * `col` is the column of the enclosing collection (a block scalar's
   * indentation counts from it); in a list item (`inItem`) a compact map or
   * list may start here.
   */
  private inline(s: number, at: number, col: number, inItem: boolean): Node {
    const { text } = this;
    const c = text.charCodeAt(s);
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const [value, end] = c === SINGLE_QUOTE ? singleQuoted(text, s) : doubleQuoted(text, s);
      if (this.isColon(end)) return inItem ? this.map(at, s) : outside();
      return textScalar(value, c === SINGLE_QUOTE ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE, s, end, this.lineEnd(end));
    }
    if (c === PIPE) {
      const block = blockScalar(text, s, col);
      this.pos = block.next;
      return textScalar(block.value, Scalar.BLOCK_LITERAL, s, block.end, block.end);
    }
    if (this.isFlowEmpty(s)) {
      const node = c === OPEN_BRACE ? nodes.map() : nodes.seq();
      node.flow = true;
      node.range = [s, s + 2, this.lineEnd(s + 2)];
      return node;
    }
    if (this.isSeqItem(s)) return inItem ? this.seq(at, s) : outside();
    if (this.plainEnd(s) !== -1) return inItem ? this.map(at, s) : outside();
    let end = text.indexOf("\n", s);
    if (end === -1) end = text.length;
    while (text.charCodeAt(end - 1) === SPACE) end--;
    return plainScalar(text.slice(s, end), s, end, this.lineEnd(end));
  }
}
