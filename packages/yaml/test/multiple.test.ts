import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "@pgvc/core";
import { normalizeDatabase, type Database } from "@pgvc/model";
import { readMultipleFiles, SchemaInputError, writeMultipleFiles } from "@pgvc/yaml";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const long = "abcdefghijklmnopqrstuvwxyz0123456789_extra";

const shop: Database = {
  extensions: { hstore: { schema: "public" }, plpgsql: {} },
  foreignDataWrappers: { w: { servers: { s: {} } } },
  eventTriggers: { log: { event: "ddl_command_end", procedure: "app.log()" } },
  schemas: {
    app: {
      owner: "alice",
      tables: {
        customer: { columns: [{ name: "id", type: "bigint" }] },
        Customer: { columns: [{ name: "id", type: "integer" }] },
        [long]: {},
        "Order Items-2": {},
      },
      functions: {
        "add(integer, integer)": { language: "sql", returns: "integer", source: "SELECT $1 + $2" },
        "add(numeric, numeric)": { language: "sql", returns: "numeric", source: "SELECT $1 + $2" },
      },
      materializedViews: { cust_count: { definition: "SELECT 1" } },
      operators: { "+(app.m, app.m)": { procedure: "app.m_add" } },
    },
    public: {},
  },
};

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe("multiple-files layout", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "pgvc-yaml-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one file per object (per type for some kinds) and an index", async () => {
    const result = await writeMultipleFiles(shop, dir, "shop");
    const expected = [
      "metadata/database.shop.yaml",
      "metadata/event trigger.log.yaml",
      "metadata/extension.yaml",
      "metadata/foreign_data_wrapper.yaml",
      "metadata/schema.app.yaml",
      "metadata/schema.app/function.add.yaml",
      "metadata/schema.app/materialized view.cust_count.yaml",
      "metadata/schema.app/operator.yaml",
      "metadata/schema.app/table.abcdefghijklmnopqrstuvwxyz012345.yaml",
      "metadata/schema.app/table.customer.yaml",
      "metadata/schema.app/table.order_items_2.yaml",
      "metadata/schema.public.yaml",
    ];
    expect(await listFiles(dir)).toEqual(expected);
    expect(result.index).toBe("metadata/database.shop.yaml");
    expect(result.files).toEqual(expected.filter((f) => f !== "metadata/database.shop.yaml"));
    // The index opens with the dialect line (the model was not read from a Pyrseas file); object files do not.
    expect(await readFile(join(dir, "metadata/database.shop.yaml"), "utf8")).toBe(
      lines(
        "# pgvc schema: an attribute left out is at its default",
        "event trigger log: event trigger.log.yaml",
        "extension hstore: extension.yaml",
        "extension plpgsql: extension.yaml",
        "foreign data wrapper w: foreign_data_wrapper.yaml",
        "schema app:",
        "  function add(integer, integer): schema.app/function.add.yaml",
        "  function add(numeric, numeric): schema.app/function.add.yaml",
        "  materialized view cust_count: schema.app/materialized view.cust_count.yaml",
        "  operator +(app.m, app.m): schema.app/operator.yaml",
        "  schema: schema.app.yaml",
        "  table Customer: schema.app/table.customer.yaml",
        "  table Order Items-2: schema.app/table.order_items_2.yaml",
        `  table ${long}: schema.app/table.abcdefghijklmnopqrstuvwxyz012345.yaml`,
        "  table customer: schema.app/table.customer.yaml",
        "schema public:",
        "  schema: schema.public.yaml",
      ),
    );
  });

  it("puts the schema's own attributes in schema.NAME.yaml and colliding objects in one file", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    expect(await readFile(join(dir, "metadata/schema.app.yaml"), "utf8")).toBe(lines("schema app:", "  owner: alice"));
    expect(await readFile(join(dir, "metadata/schema.public.yaml"), "utf8")).toBe(lines("schema public: {}"));
    expect(await readFile(join(dir, "metadata/schema.app/table.customer.yaml"), "utf8")).toBe(
      lines(
        "table Customer:",
        "  columns:",
        "  - id:",
        "      type: integer",
        "table customer:",
        "  columns:",
        "  - id:",
        "      type: bigint",
      ),
    );
    expect(await readFile(join(dir, "metadata/schema.app/function.add.yaml"), "utf8")).toBe(
      lines(
        "function add(integer, integer):",
        "  language: sql",
        "  returns: integer",
        "  source: SELECT $1 + $2",
        "function add(numeric, numeric):",
        "  language: sql",
        "  returns: numeric",
        "  source: SELECT $1 + $2",
      ),
    );
    expect(await readFile(join(dir, "metadata/foreign_data_wrapper.yaml"), "utf8")).toBe(
      lines("foreign data wrapper w:", "  server s: {}"),
    );
  });

  it("reads the tree back into the same model", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    expect(await readMultipleFiles(dir)).toEqual(normalizeDatabase(shop));
    expect(await readMultipleFiles(dir, "shop")).toEqual(normalizeDatabase(shop));
  });

  it("deletes the files of dropped objects on a re-run, and keeps files the index never listed", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    await writeFile(join(dir, "metadata/README"), "notes\n");
    const smaller: Database = structuredClone(shop);
    delete smaller.schemas.public;
    const tables = smaller.schemas.app?.tables ?? {};
    delete tables.customer;
    delete tables.Customer;
    const result = await writeMultipleFiles(smaller, dir, "shop");
    const files = await listFiles(dir);
    expect(files).not.toContain("metadata/schema.app/table.customer.yaml");
    expect(files).not.toContain("metadata/schema.public.yaml");
    expect(files).toContain("metadata/README");
    expect(files).toContain("metadata/schema.app/function.add.yaml");
    expect(result.removed).toContain("metadata/schema.app/table.customer.yaml");
    expect(await readMultipleFiles(dir)).toEqual(normalizeDatabase(smaller));
  });

  it("removes a dropped schema's directory", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    await writeMultipleFiles({ schemas: { public: {} } }, dir, "shop");
    expect(await listFiles(dir)).toEqual(["metadata/database.shop.yaml", "metadata/schema.public.yaml"]);
    expect((await readdir(join(dir, "metadata"))).sort()).toEqual(["database.shop.yaml", "schema.public.yaml"]);
  });

  it("needs the database named when the directory holds several indexes", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    await writeMultipleFiles({ schemas: { other: {} } }, dir, "other");
    await expect(readMultipleFiles(dir)).rejects.toThrow(UsageError);
    await expect(readMultipleFiles(dir)).rejects.toThrow(/several indexes: database.other.yaml, database.shop.yaml/);
    expect(await readMultipleFiles(dir, "other")).toEqual({ schemas: { other: {} } });
  });

  it("reports problems in any file with that file's path, line and column", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    const file = join(dir, "metadata/schema.app/table.order_items_2.yaml");
    await writeFile(file, lines("table Order Items-2:", "  colums: []"));
    await writeFile(join(dir, "metadata/extension.yaml"), lines("extension hstore:", "  schema: [public]", "extension plpgsql: {}"));
    const error = await readMultipleFiles(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaInputError);
    expect((error as SchemaInputError).problems.map((p) => p.message)).toEqual([
      `${join(dir, "metadata/extension.yaml")}:2:11: expected a string, received a list`,
      `${file}:2:3: unknown attribute "colums" in "table Order Items-2" (did you mean "columns"?)`,
    ]);
  });

  it("refuses an index that points outside its directory", async () => {
    await writeMultipleFiles({ schemas: {} }, dir, "x");
    await writeFile(join(dir, "metadata/database.x.yaml"), lines("extension e: ../../etc/passwd"));
    await expect(readMultipleFiles(dir)).rejects.toThrow(/outside its directory/);
    await expect(writeMultipleFiles({ schemas: {} }, dir, "x")).rejects.toThrow(/outside its directory/);
  });

  it("also reads .yaml files added by hand without updating the index, as Pyrseas does", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    await writeFile(
      join(dir, "metadata/schema.app/table.added.yaml"),
      lines("table added:", "  columns:", "  - id:", "      type: integer"),
    );
    await writeFile(join(dir, "metadata/cast.yaml"), lines("cast (text as integer):", "  context: explicit", "  method: inout"));
    await writeFile(join(dir, "metadata/schema.extra.yaml"), lines("schema extra:", "  owner: bob"));
    await mkdir(join(dir, "metadata/schema.extra"));
    await writeFile(join(dir, "metadata/schema.extra/view.v.yaml"), lines("view v:", "  definition: SELECT 1"));
    const db = await readMultipleFiles(dir);
    expect(db.schemas.app?.tables?.added).toEqual({ columns: [{ name: "id", type: "integer" }] });
    expect(db.casts).toEqual({ "(text as integer)": { context: "explicit", method: "inout" } });
    expect(db.schemas.extra).toEqual({ owner: "bob", views: { v: { definition: "SELECT 1" } } });
  });

  it("reads only what the named index lists when the tree holds several", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    await writeMultipleFiles({ schemas: { other: {} } }, dir, "other");
    await writeFile(join(dir, "metadata/schema.app/table.added.yaml"), lines("table added: {}"));
    expect((await readMultipleFiles(dir, "shop")).schemas.app?.tables?.added).toBeUndefined();
  });

  it("reports an object defined in two files, at its second definition", async () => {
    await writeMultipleFiles(shop, dir, "shop");
    const copy = join(dir, "metadata/schema.app/table.copy.yaml");
    await writeFile(copy, lines("table Order Items-2: {}"));
    const error = await readMultipleFiles(dir).catch((e: unknown) => e);
    expect((error as SchemaInputError).problems.map((p) => p.message)).toEqual([
      `${copy}:1:1: "table Order Items-2" is defined twice (also in another file)`,
    ]);
  });

  it("reports a key twice in the index", async () => {
    await writeMultipleFiles({ schemas: {} }, dir, "x");
    const index = join(dir, "metadata/database.x.yaml");
    await writeFile(index, lines("extension e: extension.yaml", "extension e: extension.yaml"));
    const error = await readMultipleFiles(dir).catch((e: unknown) => e);
    expect((error as SchemaInputError).problems.map((p) => p.message)).toEqual([
      `${index}:2:1: duplicate key: each key may appear once in a map`,
    ]);
  });

  it("reports a missing tree clearly", async () => {
    await expect(readMultipleFiles(join(dir, "nowhere"))).rejects.toThrow(/no metadata directory/);
  });
});
