import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isPair, isSeq, type Node, type Pair, type Scalar } from "yaml";
import { writeSchemaYaml } from "@pgvc/yaml";
import { deferredReads, readCanonical } from "../src/canonical.js";
import { madeWithoutConstructor } from "../src/canonical-nodes.js";
// From the sources, as the counter above: the built package would count in a module of its own.
import { parseYaml, readSchemaYaml } from "../src/read.js";
import { database } from "./arbitrary.js";
import { libraryParse, nodeDifference } from "./canonical-compare.js";

/**
 * The direct reader's nodes are the library's classes made without their
 * constructors, and the objects one level below the top are made when read.
 * Both are invisible when they work and costly when they silently stop:
 * these tests see that the fast path is taken, that the nodes behave as the
 * library's own for the same text, and that a file read reads each deferred
 * object once.
 */

const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** Every kind of node the reader makes, under one top-level key each (the objects under `schema s` are deferred). */
const sample = lines(
  "schema s:",
  "  table t:",
  "    columns:",
  "    - id:",
  "        type: integer",
  "        not_null: true",
  "    description: 'it''s'",
  '    owner: "a\\tb"',
  "    check: |",
  "      x > 0",
  "    options: {}",
  "    inherits: []",
  "  owner: b",
  "plain: some text",
  "number: 12",
  "fraction: 1.5",
  "empty:",
  "list:",
  "- x",
  "- {}",
);

type Made = { path: string; kind: string; fast: unknown; library: unknown };
type Cloneable = { clone(): unknown };

function kindOf(node: unknown, deferred: boolean): string {
  if (isPair(node)) return deferred ? "deferred pair" : "pair";
  if (isMap(node)) return node.flow ? "flow map" : "map";
  if (isSeq(node)) return node.flow ? "flow list" : "list";
  const scalar = node as Scalar;
  return typeof scalar.value === "string" ? `${scalar.type} string` : `${typeof scalar.value} scalar`;
}

/** The reader's nodes and the library's for the same text, side by side, depth first. */
function made(fast: unknown, library: unknown, path = "$", maps = 0): Made[] {
  const out: Made[] = [{ path, kind: kindOf(fast, false), fast, library }];
  if (isMap(fast) && isMap(library)) {
    for (const [i, pair] of fast.items.entries()) {
      const other = library.items[i] as Pair;
      const at = `${path}.${String((pair.key as Scalar).value)}`;
      out.push({ path: `${at} (pair)`, kind: kindOf(pair, maps === 1), fast: pair, library: other });
      out.push(...made(pair.key, other.key, `${at} (key)`, maps + 1), ...made(pair.value, other.value, at, maps + 1));
    }
  }
  if (isSeq(fast) && isSeq(library)) fast.items.forEach((item, i) => out.push(...made(item, library.items[i], `${path}[${i}]`, maps)));
  return out;
}

/** What calling `f` gives: its value, or the error it throws (JSON.stringify refuses a BigInt, for the reader and the library alike). */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (error) {
    return { error: String(error) };
  }
}

function sampleNodes(): Made[] {
  const read = readCanonical(sample);
  expect(read).toBeDefined();
  return made(read?.root, libraryParse(sample).doc.contents);
}

describe("the reader's nodes", () => {
  it("cover every kind it makes", () => {
    const kinds = new Set(sampleNodes().map((m) => m.kind));
    expect([...kinds].sort()).toEqual(
      [
        "BLOCK_LITERAL string",
        "PLAIN string",
        "QUOTE_DOUBLE string",
        "QUOTE_SINGLE string",
        "bigint scalar",
        "boolean scalar",
        "deferred pair",
        "flow list",
        "flow map",
        "list",
        "map",
        "number scalar",
        "object scalar",
        "pair",
      ].sort(),
    );
  });

  it("are made without the library's constructors: collections, pairs and text scalars", () => {
    // Numbers, booleans and nulls come from the library's own tags, which construct them.
    const fast = sampleNodes().filter((m) => !m.kind.endsWith(" scalar"));
    expect(fast.filter((m) => !madeWithoutConstructor(m.fast as object)).map((m) => m.path)).toEqual([]);
    expect(fast.filter((m) => madeWithoutConstructor(m.library as object)).map((m) => m.path)).toEqual([]);
  });

  it("are what the reader gives for the writer's output", () => {
    fc.assert(
      fc.property(database, (db) => {
        const { root } = parseYaml(writeSchemaYaml(db, { file: true }), "schema.yaml");
        expect(madeWithoutConstructor(root as object)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it("clone as the library's nodes do: the same nodes, and a collection's copy is its own", () => {
    for (const { path, fast, library } of sampleNodes()) {
      const copy = (fast as Cloneable).clone();
      const libraryCopy = (library as Cloneable).clone();
      if (isPair(copy) && isPair(libraryCopy)) {
        expect(nodeDifference(copy.key, libraryCopy.key), path).toBeUndefined();
        expect(nodeDifference(copy.value, libraryCopy.value), path).toBeUndefined();
      } else {
        expect(nodeDifference(copy, libraryCopy), path).toBeUndefined();
      }
      if (isMap(copy) || isSeq(copy)) {
        copy.items.push(copy.items[0] as never);
        expect((fast as { items: unknown[] }).items.length, path).toBe(copy.items.length - 1);
      }
    }
  });

  it("give the library's toJSON and toString", () => {
    for (const { path, fast, library } of sampleNodes()) {
      const [a, b] = [fast as Node, library as Node];
      expect(
        outcome(() => a.toJSON()),
        path,
      ).toEqual(outcome(() => b.toJSON()));
      expect(
        outcome(() => a.toString()),
        path,
      ).toEqual(outcome(() => b.toString()));
    }
  });

  it("print as the library's in a document, and so do their clones", () => {
    const read = readCanonical(sample);
    const library = libraryParse(sample).doc;
    expect(read?.doc.toString()).toBe(library.toString());
    expect(read?.doc.clone().toString()).toBe(library.clone().toString());
    expect(read?.doc.toJS()).toEqual(library.toJS());
  });
});

/** How many pairs the reader defers in `node`: those of a map inside exactly one other map. */
function deferredPairs(node: unknown, maps = 0): number {
  if (isMap(node)) return (maps === 1 ? node.items.length : 0) + node.items.reduce((n, pair) => n + deferredPairs(pair.value, maps + 1), 0);
  return isSeq(node) ? node.items.reduce((n: number, item) => n + deferredPairs(item, maps), 0) : 0;
}

describe("a deferred pair's value", () => {
  it("is made again each time it is read (nothing holds it)", () => {
    const before = deferredReads.count;
    const table = ((readCanonical(sample)?.root as { items: Pair[] }).items[0]?.value as { items: Pair[] }).items[0] as Pair;
    expect(deferredReads.count - before).toBe(0);
    expect(table.value).not.toBe(table.value);
    expect(deferredReads.count - before).toBe(2);
  });

  it("is not read while the document is checked, not even the last one to find where the document ends", () => {
    const before = deferredReads.count;
    readCanonical(sample);
    readCanonical(lines("schema s:", "  table t:", "    owner: a", "  table u:", "    columns:", "    - id:", "        type: integer"));
    expect(deferredReads.count - before).toBe(0);
  });

  it("is read once per pair when a file is read into the model", () => {
    fc.assert(
      fc.property(database, (db) => {
        const text = writeSchemaYaml(db, { file: true });
        const expected = deferredPairs(libraryParse(text).doc.contents);
        const before = deferredReads.count;
        readSchemaYaml(text, "schema.yaml");
        expect(deferredReads.count - before).toBe(expected);
      }),
      { numRuns: 30 },
    );
  });
});
