import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, stringify, YAMLMap, YAMLSeq } from "yaml";
import { readSchemaYaml, writeSchemaYaml } from "@pgvc/yaml";
import { readCanonical } from "../src/canonical.js";
import { parseYaml } from "../src/read.js";
import { database, name, text } from "./arbitrary.js";
import { compareWithLibrary, libraryParse, nodeDifference } from "./canonical-compare.js";

/**
 * The direct reader for the writer's YAML subset must be indistinguishable
 * from the library: same values, same node ranges (so errors point at the
 * same line and column), and it must give up on anything it does not read.
 */

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const repo = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

describe("canonical reader: the writer's output", () => {
  it("reads whatever the writer emits, exactly as the library does", () => {
    fc.assert(
      fc.property(database, (db) => {
        expect(compareWithLibrary(writeSchemaYaml(db))).toBe("same");
        expect(compareWithLibrary(writeSchemaYaml(db, { file: true }))).toBe("same");
      }),
      { numRuns: 300 },
    );
  });

  it("reads a literal block whose lines end in blanks, or hold only more blanks than its indentation, as the library does", () => {
    for (const doc of [
      lines("k: |-", "  select x   ", "    + 1"),
      lines("k: |", "  a", "     ", "  b\t"),
      lines("k: |2-", "     ", "  b"),
      lines("l:", "- |", "  a ", "   ", "  b", "k: 1"),
    ]) {
      expect(readCanonical(doc), doc).toBeDefined();
      expect(compareWithLibrary(doc), doc).toBe("same");
    }
  });

  it("reads the comment lines that open a file (the dialect line) as the library does, at the same offsets", () => {
    for (const doc of [
      lines("# pgvc schema: x", "schema a:", "  owner: b"),
      lines("# one", "#", "# two", "", "k: 1"),
      lines("# c", "{}"),
    ]) {
      expect(readCanonical(doc), doc).toBeDefined();
      expect(compareWithLibrary(doc), doc).toBe("same");
    }
  });

  it("reads the documentation's examples and a Pyrseas file as the library does", () => {
    const docs = [...repo("docs/yaml-format.md").matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(docs.length).toBeGreaterThan(2);
    for (const doc of docs) expect(["same", "outside"]).toContain(compareWithLibrary(doc));
    expect(compareWithLibrary(docs[0] as string)).toBe("same");
    expect(compareWithLibrary(repo("packages/diff/test/fixtures/pyrseas-app.yaml"))).toBe("same");
  });

  it("gives the ranges the library documents: [start, end of value, end of node with its line break]", () => {
    // Offsets: "a: 1\n" 0-4, "b:\n" 5-7, "- x\n" 8-11, "- 'y' \n" 12-18, "c: |-\n" 19-24, "  t\n" 25-28, "\n" 29, "d:\n" 30-32.
    const read = readCanonical(lines("a: 1", "b:", "- x", "- 'y' ", "c: |-", "  t", "", "d:"));
    const root = read?.root as unknown as {
      range: number[];
      items: { key: { range: number[] }; value: { range: number[]; items?: { range: number[] }[] } }[];
    };
    expect(root.range).toEqual([0, 32, 32]);
    expect(root.items.map((p) => p.key.range)).toEqual([
      [0, 1, 1],
      [5, 6, 6],
      [19, 20, 20],
      [30, 31, 31],
    ]);
    expect(root.items[0]?.value.range).toEqual([3, 4, 5]);
    expect(root.items[1]?.value.range).toEqual([8, 19, 19]);
    // A quoted scalar's node runs over its trailing spaces and line break.
    expect(root.items[1]?.value.items?.map((i) => i.range)).toEqual([
      [10, 11, 12],
      [14, 17, 19],
    ]);
    // A block scalar ends after its last line; the chomped blank line is not part of it.
    expect(root.items[2]?.value.range).toEqual([22, 29, 29]);
    // An empty value sits right after its key's colon and has no length.
    expect(root.items[3]?.value.range).toEqual([32, 32, 32]);
    expect(read?.lines.lineStarts).toEqual([0, 5, 8, 12, 19, 25, 29, 30, 33]);
  });
});

describe("canonical reader: the nodes it makes", () => {
  it("are the library's classes to its checks, methods and printer", () => {
    const text = lines("a: 1", "b:", "- x", "- {}", "c: |", "  t");
    const read = readCanonical(text);
    const root = read?.root as YAMLMap;
    const list = root.items[1]?.value as YAMLSeq;
    expect([isMap(root), isPair(root.items[0]), isSeq(list), isScalar(list.items[0]), isMap(list.items[1])]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([root instanceof YAMLMap, root.items[0] instanceof Pair, list instanceof YAMLSeq, list.items[0] instanceof Scalar]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(root.get("a")).toBe(1n);
    expect(isSeq(list.clone())).toBe(true);
    expect(read?.doc.toString({ indentSeq: false })).toBe(text);
  });

  it("one level below the top (a schema's objects), are made again each time they are read, so none is held for long", () => {
    const read = readCanonical(lines("schema s:", "  table t:", "    owner: a", "  owner: b"));
    const schema = (read?.root as YAMLMap).items[0]?.value as YAMLMap;
    const table = schema.items[0] as Pair;
    const [first, second] = [table.value, table.value];
    expect(first).not.toBe(second);
    expect(nodeDifference(first, second)).toBeUndefined();
    expect((first as YAMLMap).toJSON()).toEqual({ owner: "a" });
    table.value = first;
    expect(table.value).toBe(first);
    expect(schema.toJSON()).toEqual({ "table t": { owner: "a" }, owner: "b" });
  });
});

/** The value of `k` in a one-key document, read by the canonical reader (which must accept it). */
function valueOf(doc: string): unknown {
  const read = readCanonical(doc);
  expect(read, doc).toBeDefined();
  return (read?.doc.toJS() as { k: unknown }).k;
}

describe("canonical reader: scalars, as YAML 1.1 resolves them", () => {
  it("plain words, numbers and dates", () => {
    const cases: [string, unknown][] = [
      ["yes", true],
      ["Yes", true],
      ["ON", true],
      ["y", true],
      ["true", true],
      ["no", false],
      ["off", false],
      ["n", false],
      ["FALSE", false],
      ["null", null],
      ["~", null],
      ["", null],
      ["017", 15n],
      ["0x1F", 31n],
      ["0b101", 5n],
      ["1_000", 1000n],
      ["-12", -12n],
      ["+5", 5n],
      ["1:30", 90n],
      ["0o17", "0o17"],
      ["1.5", 1.5],
      ["-.5", -0.5],
      ["1.0e+3", 1000],
      [".inf", Infinity],
      ["-.inf", -Infinity],
      ["yesterday", "yesterday"],
      ["nullable", "nullable"],
      ["Off-peak", "Off-peak"],
      ["-x", "-x"],
      ["a:b", "a:b"],
      ["a#b", "a#b"],
      ["character varying(20)", "character varying(20)"],
      ["nextval('s'::regclass)", "nextval('s'::regclass)"],
    ];
    for (const [plain, expected] of cases) expect(valueOf(`k: ${plain}\n`), plain).toEqual(expected);
    expect(valueOf("k: .nan\n")).toBeNaN();
    expect(valueOf("k: 2024-01-31\n")).toEqual(new Date(Date.UTC(2024, 0, 31)));
    expect(valueOf("k: abc   \n")).toBe("abc");
  });

  it("quoted text", () => {
    expect(valueOf("k: 'it''s'\n")).toBe("it's");
    expect(valueOf("k: '  padded  '\n")).toBe("  padded  ");
    expect(valueOf("k: 'yes'\n")).toBe("yes");
    expect(valueOf('k: "a\\tb"\n')).toBe("a\tb");
    expect(valueOf('k: "q\\"q \\\\ \\/"\n')).toBe('q"q \\ /');
    expect(valueOf('k: "\\u00e9\\x41\\U0001F418\\0\\e\\N\\_\\L\\P"\n')).toBe("éA🐘\0\x1b\u0085\u00a0\u2028\u2029");
    expect(valueOf('k: "\\ud83d\\udc18"\n')).toBe("🐘");
    expect(valueOf('"k": 1\n')).toBe(1n);
  });

  it("literal blocks: chomping and indentation indicators", () => {
    expect(valueOf(lines("k: |", "  a", "   b", "", ""))).toBe("a\n b\n");
    expect(valueOf(lines("k: |-", "  a", "", "x: 1"))).toBe("a");
    expect(valueOf(lines("k: |+", "  a", "", "", "x: 1"))).toBe("a\n\n\n");
    // Pyrseas writes text that starts with a line break (or a space) with an explicit indentation.
    expect(valueOf(lines("k: |2", "", "    x", "  y"))).toBe("\n  x\ny\n");
    expect(valueOf(lines("k: |2-", "   x"))).toBe(" x");
    // Leading empty lines are content; the first non-empty line sets the indentation.
    expect(valueOf(lines("k: |", "", "", "    x", "     y"))).toBe("\n\nx\n y\n");
    expect(valueOf(lines("l:", "- k: |4", "      x", "k: |", "    # not a comment", "    \ttab"))).toBe("# not a comment\n\ttab\n");
  });

  it("empty values and collections", () => {
    expect(valueOf("k:\n")).toBeNull();
    expect(valueOf("k: {}\n")).toEqual({});
    expect(valueOf("k: []\n")).toEqual([]);
    expect(valueOf(lines("k:", "- ", "-", "- - a", "  - b", "- c: d", "  e: f"))).toEqual([null, null, ["a", "b"], { c: "d", e: "f" }]);
    expect(valueOf(lines("k:", "  - x", "  -", "    v: 1"))).toEqual(["x", { v: 1n }]);
  });
});

/** Documents outside the subset: the canonical reader gives up, and parseYaml reads them with the library (`k` as toJSON gives it, without a document). */
const outside: [string, string, unknown][] = [
  ["a comment after the first content line", lines("a: 1", "# between", "k: 1"), 1],
  ["an indented comment opening the document", lines("  # header", "k: 1"), 1],
  ["empty lines after an empty document", lines("{}", "", ""), undefined],
  ["a trailing comment", lines("k: 1 # one"), 1],
  ["an anchor and an alias", lines("a: &x 1", "k: *x"), undefined],
  ["a merge key", lines("k:", "  <<:", "    y: 1", "  z: 3"), undefined],
  ["flow content", lines("k: [1, {a: b}]"), [1, { a: "b" }]],
  ["a folded block", lines("k: >", "  a", "  b"), "a b\n"],
  ["a multi-line plain scalar", lines("k: a", "  b"), "a b"],
  ["a multi-line quoted scalar", lines('k: "a', '  b"'), "a b"],
  ["a tag", lines("k: !!str 1"), "1"],
  ["an explicit key", lines("? k", ": 1"), 1],
  ["a document marker", lines("---", "k: 1"), 1],
  ["a directive", lines("%YAML 1.1", "---", "k: 1"), 1],
  ["CRLF line breaks", "k: 1\r\n", 1],
  ["a byte order mark", "\ufeffk: 1\n", 1],
  ["a tab after the colon", "k:\t1\n", 1],
  ["a line of spaces no deeper than the block's indentation", lines("k: |", "  a", "  ", "  b"), "a\n\nb\n"],
  ["a line of spaces deeper than the block's indentation, with no content after it", lines("k: |", "  a", "    ", "j: 1"), "a\n  \n"],
  ["a space before the colon", lines("k : 1"), 1],
  ["a top-level list", lines("- 1"), undefined],
];

describe("canonical reader: gives up outside its subset", () => {
  it.each(outside)("%s", (_, doc, expected) => {
    expect(readCanonical(doc)).toBeUndefined();
    const value: unknown = parseYaml(doc, "o.yaml").root?.toJSON();
    expect(value).toEqual(libraryParse(doc).doc.contents?.toJSON());
    if (expected !== undefined) expect((value as { k?: unknown }).k).toEqual(expected);
  });

  it("an implicit key longer than 1024 characters (an error to the library; the writer uses `? ` there)", () => {
    expect(compareWithLibrary(`${"k".repeat(1024)}: 1\n`)).toBe("same");
    expect(compareWithLibrary(`'${"k".repeat(1022)}': 1\n`)).toBe("same");
    for (const doc of [`${"k".repeat(1025)}: 1\n`, `'${"k".repeat(1023)}': 1\n`, `l:\n- ${"k".repeat(1025)}: 1\n`]) {
      expect(readCanonical(doc)).toBeUndefined();
      expect(libraryParse(doc).doc.errors.map((e) => e.code)).toContain("KEY_OVER_1024_CHARS");
    }
  });

  it("syntax errors are still the library's, at the library's positions", () => {
    for (const doc of [lines("a:", "\tb: 1"), lines("a: b: c"), lines("a: 'x"), lines("a:", "  b: 1", " c: 2"), lines('a: "\\q"')]) {
      expect(readCanonical(doc), doc).toBeUndefined();
      expect(() => readSchemaYaml(doc, "e.yaml")).toThrow(/malformed YAML/);
    }
    expect(() => readSchemaYaml(lines("schema s:", "  owner: 'x"), "e.yaml")).toThrow(
      /^e\.yaml:3:1: malformed YAML: Missing closing 'quote/,
    );
  });
});

/** Edits that take a canonical document anywhere near or outside the subset. */
const edit = fc.oneof(
  fc.tuple(
    fc.constant("insert" as const),
    fc.nat(),
    fc.constantFrom(
      "# c",
      "  # c",
      "",
      "   ",
      "\t",
      "---",
      "...",
      "%YAML 1.1",
      "? x",
      "  - x",
      "- x",
      "x",
      "  x",
      "  x: |",
      "    y",
      "a:",
      "- ",
    ),
  ),
  fc.tuple(
    fc.constant("append" as const),
    fc.nat(),
    fc.constantFrom(" # c", "#c", "  ", "\t", ":", ": x", " &a", "'", '"', "x", ":x", " |", " {}", " []", " - y", ", z"),
  ),
  fc.tuple(fc.constant("prefix" as const), fc.nat(), fc.constantFrom(" ", "  ", "\t", "- ", "&a ", "!t ", "? ", "'", "*", "{", "[")),
  fc.tuple(
    fc.constant("replace" as const),
    fc.nat(),
    fc.constantFrom("|", "|-", "|+", "|1", "|2", "|3", ">", "|2+", "|-2", "'", '"', "\\t", "\\q", "\\x4", "\r\n"),
  ),
  fc.tuple(fc.constant("delete" as const), fc.nat(), fc.constant("")),
  fc.tuple(fc.constant("join" as const), fc.nat(), fc.constant("")),
  fc.tuple(fc.constant("dedent" as const), fc.nat(), fc.constant("")),
);

function applyEdit(doc: string, [kind, at, piece]: [string, number, string]): string {
  const all = doc.split("\n");
  const i = all.length > 0 ? at % all.length : 0;
  const line = all[i] ?? "";
  switch (kind) {
    case "insert":
      all.splice(i, 0, piece);
      break;
    case "append":
      all[i] = line + piece;
      break;
    case "prefix":
      all[i] = piece + line;
      break;
    case "replace": {
      const target = /\|[-+0-9]*|'|"|\\.|$/.exec(line);
      all[i] = target ? line.slice(0, target.index) + piece + line.slice(target.index + Math.max(target[0].length, 1)) : line;
      break;
    }
    case "delete":
      all.splice(i, 1);
      break;
    case "join":
      all.splice(i, 2, `${line} ${all[i + 1] ?? ""}`);
      break;
    case "dedent":
      all[i] = line.replace(/^ /, "");
      break;
  }
  return all.join("\n");
}

describe("canonical reader: never differs from the library", () => {
  it("on edited canonical documents: either the same nodes or it gives up", () => {
    fc.assert(
      fc.property(database, fc.array(edit, { minLength: 1, maxLength: 4 }), (db, edits) => {
        const doc = edits.reduce(applyEdit, writeSchemaYaml(db));
        expect(["same", "outside"]).toContain(compareWithLibrary(doc));
      }),
      { numRuns: 1000 },
    );
  });

  const value: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      text,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("node"), { maxLength: 3 }),
      fc.dictionary(fc.oneof(name, text), tie("node"), { maxKeys: 3 }),
    ),
  })).node;

  it("on any YAML the library writes, in any of its layouts", () => {
    const layout = fc.record({ indent: fc.integer({ min: 1, max: 4 }), indentSeq: fc.boolean(), lineWidth: fc.constantFrom(0, 20, 80) });
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(name, text), value, { minKeys: 1, maxKeys: 4 }), layout, (object, options) => {
        const doc = stringify(object, { version: "1.1", ...options });
        expect(["same", "outside"]).toContain(compareWithLibrary(doc));
      }),
      { numRuns: 1000 },
    );
  });

  it("on any single plain or quoted scalar, as a key and as a value", () => {
    const scalar = fc.string({
      unit: fc.constantFrom(..."aoyntfNOYTF019_.+-:~<#'\" \t\\exb|>-[]{}&*!%@`,?\u0000\u0001\u007f\u0085\u00a0\u2028\u2029\ufeff\r"),
      maxLength: 8,
    });
    fc.assert(
      fc.property(scalar, (s) => {
        for (const doc of [
          `k: ${s}\n`,
          `${s}: v\n`,
          `l:\n- ${s}\n`,
          `k: '${s}'\n`,
          `k: "${s}"\n`,
          `k: |\n  ${s}\n`,
          `k: |2-\n\n   ${s}\n`,
        ]) {
          expect(["same", "outside"], JSON.stringify(doc)).toContain(compareWithLibrary(doc));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("on the library's own tests of what reads as a string in YAML 1.1", () => {
    // Every word and number form the 1.1 schema resolves, and near misses.
    const forms = [
      "Y",
      "yES",
      "On",
      "oN",
      "NULL",
      "nULL",
      "0b2",
      "0_7",
      "08",
      "0x",
      "0xg",
      "1__0",
      "1.",
      ".",
      "._",
      "1e",
      "1e+",
      "+.inf",
      "+.INF",
      ".Nan",
      "60:60",
      "1:60",
      "2024-1-1",
      "2024-01-01t1:02:03",
      "2024-01-01 1:02:03.5 +1",
    ];
    for (const form of forms) expect(compareWithLibrary(`k: ${form}\n`), form).toBe("same");
    expect(libraryParse("k: 1\n").doc.errors).toEqual([]);
  });
});
