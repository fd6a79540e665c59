import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDatabase, type Database } from "@pgvc/model";
import { databaseEntries, layoutFiles, readSchemaYaml, renderEntries, writeSchemaYaml } from "@pgvc/yaml";
import { renderEntriesWithLibrary } from "../src/write.js";
import { database } from "./arbitrary.js";

/** The yaml library's rendering of the same document: the direct emitter must give its bytes. */
const libraryText = (db: Database) => renderEntriesWithLibrary(databaseEntries(normalizeDatabase(db)));

/** Text that starts with a line break is where pgvc departs from the library (tested on its own below). */
const startsWithLineBreak = (db: Database) => /"\\n/.test(JSON.stringify(db));

const withDefinition = (definition: string): Database => ({ schemas: { s: { views: { v: { definition } } } } });

describe("direct emitter", () => {
  it("writes the bytes the yaml library writes, for any model the spec allows", () => {
    fc.assert(
      fc.property(database, (db) => {
        // Text that starts with a line break is where pgvc departs from the library (see below).
        fc.pre(!startsWithLineBreak(db));
        expect(writeSchemaYaml(db)).toBe(libraryText(db));
      }),
      { numRuns: 300 },
    );
  });

  it("writes each file of the multiple-files layout as the yaml library does", () => {
    fc.assert(
      fc.property(database, (db) => {
        fc.pre(!startsWithLineBreak(db));
        const { files, index } = layoutFiles(db);
        for (const entries of [...files.values(), index]) expect(renderEntries(entries)).toBe(renderEntriesWithLibrary(entries));
      }),
      { numRuns: 200 },
    );
  });

  it("writes block scalars with the library's chomping and indentation indicators", () => {
    const texts = [
      "a\nb",
      "a\nb\n",
      "a\nb\n\n",
      "\n",
      "\n\n",
      " leading\nspace",
      "\n  indented after a newline\nx",
      "a\n\n\nb",
      "---\nx",
      "...\n%x\n",
      "tab\there\nx",
      "a\n b\n  c\n",
    ];
    for (const text of texts) expect(writeSchemaYaml(withDefinition(text))).toBe(libraryText(withDefinition(text)));
  });

  it("writes text that starts with a line break as a block, as PyYAML does, where the library quotes it", () => {
    // A PL/pgSQL body written `AS $$\nBEGIN ... END$$` starts with a line break: Pyrseas
    // files hold it as a `|2` block with an empty first line, and so does pgvc. The library
    // indents that empty line (trailing whitespace), so it would fall back to a quoted string.
    const source = "\nBEGIN\n    RETURN NEW;\nEND\n";
    const db: Database = { schemas: { app: { functions: { "f()": { language: "plpgsql", returns: "trigger", source } } } } };
    const text = writeSchemaYaml(db);
    expect(text).toBe(
      [
        "schema app:",
        "  function f():",
        "    language: plpgsql",
        "    returns: trigger",
        "    source: |2",
        "",
        "      BEGIN",
        "          RETURN NEW;",
        "      END",
        "",
      ].join("\n"),
    );
    expect(readSchemaYaml(text, "f.yaml")).toEqual(db);
    const twoBreaks = withDefinition("\n\nSELECT 1");
    expect(writeSchemaYaml(twoBreaks)).toBe("schema s:\n  view v:\n    definition: |2-\n\n\n      SELECT 1\n");
    expect(readSchemaYaml(writeSchemaYaml(twoBreaks), "v.yaml")).toEqual(twoBreaks);
  });

  it("writes a key longer than 1024 characters as an explicit key", () => {
    const long = "c".repeat(1100);
    const db: Database = { schemas: { s: { tables: { t: { columns: [{ name: long, type: "integer" }] } } } } };
    const text = writeSchemaYaml(db);
    expect(text).toContain(`    - ? ${long}\n      : type: integer\n`);
    expect(text).toBe(libraryText(db));
  });
});
