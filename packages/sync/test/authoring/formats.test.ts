import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { statement, type Statement } from "@pgvc/diff";
import { planMigration, type NewMigration } from "../../src/authoring/formats.js";
import { pythonSqlLiteral } from "../../src/authoring/django.js";
import { migrationSlug, nextSequence, nextTimestamp } from "../../src/authoring/naming.js";

const addNote = statement("alter", "column app.orders.note", "ALTER TABLE app.orders ADD COLUMN note text", "main");
const dropNote = statement("alter", "column app.orders.note", "ALTER TABLE app.orders DROP COLUMN note", "main", {
  hazards: ["data-loss"],
});
const concurrent = statement("create", "index app.orders_note", "CREATE INDEX CONCURRENTLY orders_note ON app.orders (note)", "main", {
  noTransaction: true,
});
const now = new Date(Date.UTC(2026, 11, 4, 15, 30, 5));

function plan(over: Partial<NewMigration>): ReturnType<typeof planMigration> {
  return planMigration({
    format: "plain",
    dir: "db/migrations",
    existing: [],
    name: "Add order note",
    forward: [addNote],
    reverse: [dropNote],
    now,
    ...over,
  });
}

describe("naming", () => {
  it("makes file-safe names", () => {
    expect(migrationSlug("Add order note!")).toBe("add_order_note");
    expect(migrationSlug("  Ünïcode--name ")).toBe("unicode_name");
    expect(() => migrationSlug("!!!")).toThrow(/no letters or digits/);
  });
  it("numbers after the newest, in the folder's width", () => {
    expect(nextSequence(["0001", "0009", "0010"], 4)).toBe("0011");
    expect(nextSequence(["1", "2", "10"], 4)).toBe("11");
    expect(nextSequence([], 6)).toBe("000001");
  });
  it("takes a timestamp, or one past a newer existing version", () => {
    expect(nextTimestamp(["20250101000000"], now)).toBe("20261204153005");
    expect(nextTimestamp(["20301231235959"], now)).toBe("20301231235960");
  });
});

describe("planMigration", () => {
  it("dbmate: one timestamped file with up and down markers", () => {
    const [file, ...rest] = plan({ format: "dbmate", existing: ["db/migrations/20250101000000_init.sql"] });
    expect(rest).toEqual([]);
    expect(file?.path).toBe("db/migrations/20261204153005_add_order_note.sql");
    expect(file?.content).toBe(
      "-- Written by pgvc migration new: forward, reverse and forward again verified on a scratch database.\n" +
        "-- migrate:up\nALTER TABLE app.orders ADD COLUMN note text;\n\n-- migrate:down\nALTER TABLE app.orders DROP COLUMN note;\n",
    );
  });
  it("dbmate: transaction:false on the direction that needs it, and only for a lone statement", () => {
    const [file] = plan({ format: "dbmate", forward: [concurrent] });
    expect(file?.content).toContain("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY");
    expect(file?.content).toContain("-- migrate:down\n");
    expect(() => plan({ format: "dbmate", forward: [addNote, concurrent] })).toThrow(
      /dbmate sends a migration file \(or section\) as one query/,
    );
  });
  it("golang-migrate: sequential versions as the folder uses them", () => {
    const files = plan({ format: "golang-migrate", existing: ["db/migrations/000001_init.up.sql", "db/migrations/000001_init.down.sql"] });
    expect(files.map((f) => f.path)).toEqual([
      "db/migrations/000002_add_order_note.up.sql",
      "db/migrations/000002_add_order_note.down.sql",
    ]);
    expect(files[1]?.content).toContain("DROP COLUMN note;");
  });
  it("golang-migrate: refuses a file mixing a non-transactional statement with others", () => {
    expect(() => plan({ format: "golang-migrate", forward: [addNote, concurrent] })).toThrow(
      /golang-migrate sends .* cannot run inside one/,
    );
  });
  it("flyway: V and U files with the next major version, and a .conf for a non-transactional script", () => {
    const files = plan({
      format: "flyway",
      existing: ["sql/V1__init.sql", "sql/V1.1__more.sql", "sql/V2__x.sql", "sql/R__views.sql"],
      dir: "sql",
      forward: [concurrent],
    });
    expect(files.map((f) => f.path)).toEqual([
      "sql/V3__add_order_note.sql",
      "sql/V3__add_order_note.sql.conf",
      "sql/U3__add_order_note.sql",
    ]);
    expect(files[1]?.content).toBe("executeInTransaction=false\n");
  });
  it("prisma: a timestamped folder with migration.sql and down.sql", () => {
    const files = plan({
      format: "prisma",
      dir: "prisma/migrations",
      existing: ["prisma/migrations/20240101000000_init/migration.sql", "prisma/migrations/migration_lock.toml"],
    });
    expect(files.map((f) => f.path)).toEqual([
      "prisma/migrations/20261204153005_add_order_note/migration.sql",
      "prisma/migrations/20261204153005_add_order_note/down.sql",
    ]);
  });
  it("plain: the next number, the reverse under down/", () => {
    const files = plan({ existing: ["db/migrations/001_init.sql", "db/migrations/002_more.sql", "db/migrations/down/002_more.sql"] });
    expect(files.map((f) => f.path)).toEqual(["db/migrations/003_add_order_note.sql", "db/migrations/down/003_add_order_note.sql"]);
  });
  it("marks a migration written without verification", () => {
    const [file] = plan({ format: "dbmate", unverified: "the reverse failed" });
    expect(file?.content.split("\n")[0]).toBe(
      "-- Written by pgvc migration new: UNVERIFIED: written with --force although the reverse failed. Check it by hand before applying it.",
    );
  });
  it("django: the next number, a dependency on the newest migration, RunSQL with one string a statement", () => {
    const [file] = plan({
      format: "django",
      dir: "shop/migrations",
      existing: ["shop/migrations/__init__.py", "shop/migrations/0001_initial.py", "shop/migrations/0002_views.py"],
    });
    expect(file?.path).toBe("shop/migrations/0003_add_order_note.py");
    expect(file?.content).toContain('dependencies = [\n        ("shop", "0002_views"),\n    ]');
    expect(file?.content).toContain('sql=[\n                """\nALTER TABLE app.orders ADD COLUMN note text\n""",\n            ]');
    expect(file?.content).not.toContain("atomic = False");
  });
  it("django: the first migration of an app has no dependency; atomic = False when needed", () => {
    const [file] = plan({ format: "django", dir: "shop/migrations", existing: [], forward: [concurrent], reverse: [] });
    expect(file?.path).toBe("shop/migrations/0001_add_order_note.py");
    expect(file?.content).toContain("dependencies = []");
    expect(file?.content).toContain("atomic = False");
    expect(file?.content).toContain("reverse_sql=migrations.RunSQL.noop");
  });
});

const python = spawnSync("python3", ["--version"]).status === 0;

describe.runIf(python)("Django migration text read back by Python", () => {
  it("keeps every statement byte for byte, quotes and backslashes included", () => {
    const hostile = [
      `CREATE FUNCTION app."a""b"() RETURNS text LANGUAGE sql AS $$ SELECT E'\\n' || '"""' || 'x""' $$`,
      `COMMENT ON TABLE app.t IS 'ends with a quote "'`,
      "COMMENT ON TABLE app.t IS 'tab\there\r\nand %s %(x)s'",
    ];
    const statements: Statement[] = hostile.map((sql) => statement("alter", "table app.t", sql, "main"));
    const [file] = plan({ format: "django", dir: "shop/migrations", forward: statements, reverse: [] });
    const dir = mkdtempSync(join(tmpdir(), "pgvc-django-literal-"));
    try {
      writeFileSync(join(dir, "m.py"), file?.content ?? "");
      const read = execFileSync(
        "python3",
        [
          "-c",
          "import ast,json,sys; t=ast.parse(open(sys.argv[1]).read()); print(json.dumps([n.value[1:-1] for n in ast.walk(t) if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith(chr(10))]))",
          join(dir, "m.py"),
        ],
        { encoding: "utf8" },
      );
      expect(JSON.parse(read)).toEqual(hostile);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("escapes only what would end the literal", () => {
    expect(pythonSqlLiteral(`SELECT "x"`)).toBe(`"""\nSELECT "x"\n"""`);
  });
});
