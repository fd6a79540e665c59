import { InputError } from "@pgvc/core";
import { describe, expect, it } from "vitest";
import { workingTreeFiles } from "../../src/sources/files.js";
import { parseDbmate } from "../../src/sources/layouts/dbmate.js";
import { detectLayout, detectSqlLayout } from "../../src/sources/layouts/detect.js";
import { listSqlMigrations } from "../../src/sources/layouts/list.js";
import { flywayVersionCompare, naturalCompare } from "../../src/sources/layouts/order.js";
import type { SqlLayout } from "../../src/sources/types.js";
import { rejection, tempRepo } from "./helpers.js";

async function list(files: Record<string, string>, dir: string, layout?: SqlLayout) {
  const repo = await tempRepo(files);
  try {
    return await listSqlMigrations(dir, layout, workingTreeFiles(repo.root));
  } finally {
    await repo.cleanup();
  }
}

async function listError(files: Record<string, string>, dir: string, layout?: SqlLayout): Promise<InputError> {
  const error = await rejection(list(files, dir, layout));
  if (!(error instanceof InputError)) throw error;
  return error;
}

const sqlFiles = (names: string[], text = "SELECT 1;\n") => Object.fromEntries(names.map((n) => [n, text]));

describe("orders", () => {
  it("natural order puts 2 before 10 and compares the rest as text", () => {
    const names = ["10_x.sql", "2_x.sql", "1_b.sql", "1_a.sql", "001_c.sql", "020_y.sql", "3.sql", "a.sql"];
    expect([...names].sort(naturalCompare)).toEqual([
      "1_a.sql",
      "1_b.sql",
      "001_c.sql",
      "2_x.sql",
      "3.sql",
      "10_x.sql",
      "020_y.sql",
      "a.sql",
    ]);
  });

  it("Flyway versions compare part by part as numbers", () => {
    const versions = ["1.10", "1.9", "2", "1", "1_2", "1.1.1", "10", "1.01.5"];
    expect([...versions].sort(flywayVersionCompare)).toEqual(["1", "1.1.1", "1.01.5", "1_2", "1.9", "1.10", "2", "10"]);
    expect(flywayVersionCompare("1", "1.0.0")).toBe(0);
  });
});

describe("listing", () => {
  it("plain: natural order, subdirectories and other files ignored", async () => {
    const listed = await list(
      { ...sqlFiles(["m/10_c.sql", "m/9_b.sql", "m/0001_a.sql", "m/old/1_x.sql"]), "m/notes.txt": "" },
      "m",
      "plain",
    );
    expect(listed.migrations.map((m) => [m.version, m.name])).toEqual([
      ["0001", "a"],
      ["9", "b"],
      ["10", "c"],
    ]);
    expect(listed.ignored).toEqual(["m/notes.txt", "m/old/1_x.sql"]);
  });

  it("dbmate: file names in string order, as dbmate sorts them", async () => {
    const text = "-- migrate:up\nSELECT 1;\n-- migrate:down\n";
    const listed = await list(
      sqlFiles(["db/migrations/20240101000000_b.sql", "db/migrations/2_a.sql", "db/migrations/schema.sql"], text),
      "db/migrations",
    );
    expect(listed.layout).toBe("dbmate");
    expect(listed.migrations.map((m) => m.version)).toEqual(["20240101000000", "2"]);
    expect(listed.ignored).toEqual(["db/migrations/schema.sql"]);
  });

  it("refuses two migrations with one version", async () => {
    const golang = await listError(sqlFiles(["m/1_a.up.sql", "m/001_b.up.sql"]), "m", "golang-migrate");
    expect(golang.message).toMatch(/^m\/1_a\.up\.sql: version 1 is also the version of m\/001_b\.up\.sql/);
    const flyway = await listError(sqlFiles(["f/V1__a.sql", "f/V1.0__b.sql"]), "f", "flyway");
    expect(flyway.message).toBe("f/V1__a.sql: version 1 is also the version of f/V1.0__b.sql");
  });

  it("flyway: a script mixing transactional and non-transactional statements is refused where Flyway would refuse it", async () => {
    const error = await listError({ "f/V1__idx.sql": "CREATE TABLE t (a int);\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n" }, "f", "flyway");
    expect(error.message).toMatch(/^f\/V1__idx\.sql:3:1: both transactional and non-transactional statements/);
  });

  it("flyway: executeInTransaction in the script's .conf file wins", async () => {
    const listed = await list({ "f/V1__a.sql": "SELECT 1;\nSELECT 2;\n", "f/V1__a.sql.conf": "executeInTransaction=false\n" }, "f");
    expect(listed.migrations.map((m) => m.up.transaction)).toEqual([false]);
    expect(listed.ignored).toEqual([]);
  });

  it("asks for a layout when the files cannot say", async () => {
    const mixed = await listError(sqlFiles(["m/V1__a.sql", "m/1_a.up.sql"]), "m");
    expect(mixed.message).toBe("m: cannot tell which migration layout these files follow");
    const empty = await listError({ "m/README.md": "" }, "m");
    expect(empty.message).toBe("m: no .sql migration files in this directory");
  });
});

describe("detection", () => {
  it("reads the layout from file names", () => {
    expect(detectLayout(["prisma/migrations/20240101_init/migration.sql", "prisma/migrations/migration_lock.toml"])).toBe("prisma");
    expect(detectLayout(["db/migration/V1__a.sql", "db/migration/R__v.sql", "db/migration/afterMigrate.sql"])).toBe("flyway");
    expect(detectLayout(["m/1_a.up.sql", "m/1_a.down.sql"])).toBe("golang-migrate");
    expect(detectLayout(["m/001_a.sql", "m/002_b.sql"])).toBe("plain");
    expect(detectLayout(["m/V1__a.sql", "m/1_a.up.sql"])).toBeUndefined();
    expect(detectLayout(["m/README.md"])).toBeUndefined();
    expect(detectLayout([])).toBeUndefined();
  });

  it("tells dbmate from plain by the -- migrate:up line", async () => {
    const repo = await tempRepo({
      "d/1_a.sql": "-- a comment\n--migrate:up\nSELECT 1;\n-- migrate:down\n",
      "p/1_a.sql": "SELECT 1; -- migrate:up\n",
    });
    try {
      expect(await detectSqlLayout("d", workingTreeFiles(repo.root))).toBe("dbmate");
      expect(await detectSqlLayout("p", workingTreeFiles(repo.root))).toBe("plain");
    } finally {
      await repo.cleanup();
    }
  });
});

describe("dbmate sections", () => {
  const problem = (text: string): string => {
    try {
      parseDbmate("x.sql", text);
    } catch (error) {
      if (error instanceof InputError) return error.message;
      throw error;
    }
    throw new Error("expected an InputError");
  };

  it("reads the options on the marker line and the lines of each part", () => {
    const { up, down } = parseDbmate("x.sql", "-- header\n-- migrate:up transaction:false\nA;\n-- migrate:down\nC;\n");
    expect([up.sql, up.startLine, up.transaction]).toEqual(["A;", 3, false]);
    expect([down.sql, down.startLine, down.transaction]).toEqual(["C;\n", 5, true]);
  });

  it("runs a transaction:false section of several statements as one transaction, as PostgreSQL runs dbmate's one query", () => {
    const { up } = parseDbmate("x.sql", "-- migrate:up transaction:false\nA;\nB;\n-- migrate:down\n");
    expect(up.transaction).toBe(true);
  });

  it("refuses what dbmate refuses, at the line", () => {
    expect(problem("SELECT 1;\n")).toMatch(/^x\.sql:1: no `-- migrate:up` line/);
    expect(problem("-- migrate:up\nSELECT 1;\n")).toMatch(/^x\.sql:1: no `-- migrate:down` line/);
    expect(problem("-- migrate:down\nSELECT 1;\n-- migrate:up\n")).toMatch(/^x\.sql:1: `-- migrate:down` before/);
    expect(problem("\nCREATE TYPE e AS ENUM ('a');\n-- migrate:up\n-- migrate:down\n")).toMatch(/^x\.sql:2: SQL before `-- migrate:up`/);
    expect(problem("-- migrate:up\n-- migrate:down\n-- migrate:up\n-- migrate:down\n")).toMatch(
      /^x\.sql:3: a second `-- migrate:up` section/,
    );
  });
});
