// What Pyrseas 0.10 writes (seen from its dbtoyaml) read as Pyrseas means it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dialectOf, fmtText, readMultipleFiles, readSchemaYaml, writeMultipleFiles, writeSchemaYaml } from "@pgvc/yaml";

describe("reading Pyrseas's values", () => {
  it("privileges: [] is no explicit grant (the default), as absent", () => {
    const db = readSchemaYaml("schema app:\n  owner: alice\n  privileges: []\n", "schema.yaml");
    expect(db.schemas.app).toEqual({ owner: "alice" });
  });

  it("a cast's method binary coercible is binary", () => {
    const db = readSchemaYaml("cast (public.citext as text):\n  context: implicit\n  method: binary coercible\n", "schema.yaml");
    expect(db.casts?.["(public.citext as text)"]).toEqual({ context: "implicit", method: "binary" });
  });

  it("an event trigger's enabled: true is origin, false disabled (Pyrseas's words); a bare boolean elsewhere is still refused", () => {
    const trigger = (enabled: string) => `event trigger note:\n  enabled: ${enabled}\n  event: ddl_command_end\n  procedure: app.note()\n`;
    expect(readSchemaYaml(trigger("true"), "schema.yaml").eventTriggers?.note?.enabled).toBe("origin");
    expect(readSchemaYaml(trigger("false"), "schema.yaml").eventTriggers?.note?.enabled).toBe("disabled");
    expect(() => readSchemaYaml("schema app:\n  table t:\n    replica_identity: true\n", "schema.yaml")).toThrow(/expected one of/);
  });

  it("a view column's collation (Pyrseas writes it; it follows from the query) is read and left out", () => {
    const text =
      "schema app:\n  view v:\n    columns:\n    - name:\n        collation: fr\n        type: text\n    definition: SELECT name FROM app.t\n";
    expect(readSchemaYaml(text, "schema.yaml").schemas.app?.views?.v?.columns).toEqual([{ name: "name", type: "text" }]);
  });

  it("a bigint sequence bound written as bigint's limit is the type's limit (null)", () => {
    const text =
      "schema app:\n  sequence down:\n    increment_by: -1\n    max_value: -1\n    min_value: -9223372036854775808\n    start_value: -1\n";
    // -1 is a descending sequence's own maximum: null too.
    expect(readSchemaYaml(text, "schema.yaml").schemas.app?.sequences?.down).toEqual({
      increment_by: -1,
      max_value: null,
      min_value: null,
      start_value: -1,
    });
  });
});

describe("sequence bounds, written as Pyrseas writes them", () => {
  // Pyrseas's dbtoyaml writes null only for a minimum of 1 and bigint's maximum, and its yamltodb reads null as those.
  const seq = (attrs: string) => `schema app:\n  sequence s:\n${attrs}`;
  const bounds = (data: Record<string, unknown>) => ({
    schemas: { app: { sequences: { s: { start_value: 1, increment_by: 1, cache_value: 1, min_value: null, max_value: null, ...data } } } },
  });

  it("an integer sequence's maximum is the number, its minimum of 1 null; read back, both are the type's defaults", () => {
    const text = writeSchemaYaml(bounds({ data_type: "integer" }));
    expect(text).toBe(
      seq(
        "    cache_value: 1\n    data_type: integer\n    increment_by: 1\n    max_value: 2147483647\n    min_value: null\n    start_value: 1\n",
      ),
    );
    expect(readSchemaYaml(text, "schema.yaml").schemas.app?.sequences?.s).toMatchObject({ min_value: null, max_value: null });
  });

  it("a descending smallint sequence writes both bounds; a bigint one going up neither", () => {
    expect(writeSchemaYaml(bounds({ data_type: "smallint", increment_by: -1, start_value: -1 }))).toContain(
      "    max_value: -1\n    min_value: -32768\n",
    );
    expect(writeSchemaYaml(bounds({}))).toContain("    max_value: null\n    min_value: null\n");
  });

  it("a bound that is not the default is written and read as the number", () => {
    const text = writeSchemaYaml(bounds({ data_type: "integer", min_value: 5, max_value: 500 }));
    expect(text).toContain("    max_value: 500\n    min_value: 5\n");
    expect(readSchemaYaml(text, "schema.yaml").schemas.app?.sequences?.s).toMatchObject({ min_value: 5, max_value: 500 });
  });
});

describe("the dialect of a file", () => {
  it("is Pyrseas's when no key only pgvc writes is there", () => {
    expect(dialectOf(readSchemaYaml("schema app:\n  table t:\n    columns:\n    - id:\n        type: integer\n", "schema.yaml"))).toBe(
      "pyrseas",
    );
  });

  it("is pgvc's with such a key, even at its default, or a procedure", () => {
    expect(dialectOf(readSchemaYaml("schema app:\n  table t:\n    row_level_security: false\n", "schema.yaml"))).toBe("pgvc");
    expect(dialectOf(readSchemaYaml("schema app:\n  procedure p():\n    language: sql\n    source: SELECT 1\n", "schema.yaml"))).toBe(
      "pgvc",
    );
  });

  it("is pgvc's for a model not read from YAML", () => {
    expect(dialectOf({ schemas: {} })).toBe("pgvc");
  });

  // A file pgvc wrote need not hold a pgvc key (a table without RLS has none): its first line says whose it is.
  const plain = "schema app:\n  table t:\n    columns:\n    - id:\n        type: integer\n";

  it("is pgvc's when the comment lines that open it hold the dialect line, Pyrseas's for any other comment", () => {
    expect(dialectOf(readSchemaYaml(`# pgvc schema: an attribute left out is at its default\n${plain}`, "schema.yaml"))).toBe("pgvc");
    expect(dialectOf(readSchemaYaml(`# shop, dumped nightly\n#\n# pgvc schema\n\n${plain}`, "schema.yaml"))).toBe("pgvc");
    expect(dialectOf(readSchemaYaml(`# written by Pyrseas\n${plain}`, "schema.yaml"))).toBe("pyrseas");
    expect(dialectOf(readSchemaYaml(`${plain}# pgvc schema\n`, "schema.yaml"))).toBe("pyrseas");
  });

  it("is written as the first line of a whole file for a pgvc model, never for a fragment or a Pyrseas file", () => {
    const db = readSchemaYaml(`# pgvc schema: an attribute left out is at its default\n${plain}`, "schema.yaml");
    expect(writeSchemaYaml(db, { file: true })).toBe(`# pgvc schema: an attribute left out is at its default\n${plain}`);
    expect(writeSchemaYaml(db)).toBe(plain);
    expect(writeSchemaYaml(readSchemaYaml(plain, "schema.yaml"), { file: true })).toBe(plain);
  });

  it("survives pgvc-yaml fmt, which neither adds it to a Pyrseas file nor drops it from pgvc's", () => {
    expect(fmtText(plain, "schema.yaml")).toEqual({ canonical: plain, changed: false });
    const ours = `# pgvc schema: an attribute left out is at its default\n${plain}`;
    expect(fmtText(ours, "schema.yaml")).toEqual({ canonical: ours, changed: false });
    expect(fmtText(`# pgvc schema\n${plain}`, "schema.yaml")).toEqual({ canonical: ours, changed: true });
  });

  it("stands in a tree's index for the whole tree (Pyrseas's tools do not read the index)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pgvc-dialect-"));
    try {
      await writeMultipleFiles({ schemas: { app: { tables: { t: { columns: [{ name: "id", type: "integer" }] } } } } }, dir, "shop");
      const index = join(dir, "metadata", "database.shop.yaml");
      expect(await readFile(join(dir, "metadata", "schema.app", "table.t.yaml"), "utf8")).toBe(
        "table t:\n  columns:\n  - id:\n      type: integer\n",
      );
      expect((await readFile(index, "utf8")).split("\n")[0]).toBe("# pgvc schema: an attribute left out is at its default");
      expect(dialectOf(await readMultipleFiles(dir))).toBe("pgvc");
      await writeFile(index, (await readFile(index, "utf8")).replace(/^#.*\n/, ""));
      expect(dialectOf(await readMultipleFiles(dir))).toBe("pyrseas");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
