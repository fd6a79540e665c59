import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDatabase, type Database } from "@pgvc/model";
import { databaseEntries, layoutFiles, renderEntries, writeSchemaYaml } from "@pgvc/yaml";
import { renderEntriesWithLibrary } from "../src/write.js";
import { database } from "./arbitrary.js";

/** The yaml library's rendering of the same document: the direct emitter must give its bytes. */
const libraryText = (db: Database) => renderEntriesWithLibrary(databaseEntries(normalizeDatabase(db)));

const withDefinition = (definition: string): Database => ({ schemas: { s: { views: { v: { definition } } } } });

describe("direct emitter", () => {
  it("writes the bytes the yaml library writes, for any model the spec allows", () => {
    fc.assert(
      fc.property(database, (db) => {
        expect(writeSchemaYaml(db)).toBe(libraryText(db));
      }),
      { numRuns: 300 },
    );
  });

  it("writes each file of the multiple-files layout as the yaml library does", () => {
    fc.assert(
      fc.property(database, (db) => {
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

  it("writes a key longer than 1024 characters as an explicit key", () => {
    const long = "c".repeat(1100);
    const db: Database = { schemas: { s: { tables: { t: { columns: [{ name: long, type: "integer" }] } } } } };
    const text = writeSchemaYaml(db);
    expect(text).toContain(`    - ? ${long}\n      : type: integer\n`);
    expect(text).toBe(libraryText(db));
  });
});
