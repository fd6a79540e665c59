import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { readCanonical } from "../src/canonical.js";

/** The library parse that `parseYaml` falls back to, with the same options. */
export function libraryParse(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: "1.1", lineCounter: lines, uniqueKeys: false, intAsBigInt: true });
  return { doc, lines };
}

function kind(node: unknown): string {
  if (isMap(node)) return "map";
  if (isSeq(node)) return "list";
  return isScalar(node) ? "scalar" : String(node);
}

const scalarFields = ["value", "type", "source", "format"] as const;

/** The first difference between two node trees (kind, range, scalar value/type/source/format, items), or undefined. */
export function nodeDifference(fast: unknown, library: unknown, path = "$"): string | undefined {
  if (kind(fast) !== kind(library)) return `${path}: ${kind(fast)} instead of ${kind(library)}`;
  const [a, b] = [fast as Node, library as Node];
  if (!isDeepStrictEqual(a.range, b.range)) return `${path}: range ${JSON.stringify(a.range)} instead of ${JSON.stringify(b.range)}`;
  if (isScalar(a) && isScalar(b)) {
    const field = scalarFields.find((f) => !isDeepStrictEqual(a[f], b[f]));
    return field && `${path}: ${field} ${String(a[field])} instead of ${String(b[field])}`;
  }
  if (isMap(a) && isMap(b)) {
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} pairs instead of ${b.items.length}`;
    for (const [i, pair] of a.items.entries()) {
      const other = b.items[i];
      const found =
        nodeDifference(pair.key, other?.key, `${path}.key${i}`) ??
        nodeDifference(pair.value, other?.value, `${path}.${String((pair.key as { value?: unknown }).value)}`);
      if (found) return found;
    }
  }
  if (isSeq(a) && isSeq(b)) {
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} items instead of ${b.items.length}`;
    for (const [i, item] of a.items.entries()) {
      const found = nodeDifference(item, b.items[i], `${path}[${i}]`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * How the canonical reader does on `text` next to the library: "outside"
 * when it gives up, "same" when it gives the same nodes, line starts and
 * JS value, else the first difference.
 */
export function compareWithLibrary(text: string): string {
  const library = libraryParse(text);
  const fast = readCanonical(text);
  if (!fast) return "outside";
  if (library.doc.errors.length > 0) return `accepted a document the library rejects: ${library.doc.errors[0]?.message}`;
  if (!isDeepStrictEqual(fast.lines.lineStarts, library.lines.lineStarts)) return "different line starts";
  if (!isDeepStrictEqual(fast.doc.range, library.doc.range))
    return `document range ${JSON.stringify(fast.doc.range)} instead of ${JSON.stringify(library.doc.range)}`;
  const found = nodeDifference(fast.root, library.doc.contents);
  if (found) return found;
  return isDeepStrictEqual(fast.doc.toJS(), library.doc.toJS()) ? "same" : "different toJS()";
}
