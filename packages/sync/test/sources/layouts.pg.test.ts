import { useTestDatabase } from "@pgvc/testkit/vitest";
import { describe, expect, it } from "vitest";
import { replay, rows } from "./helpers.js";

const db = useTestDatabase("sources_layouts");

const tables = async (prefix: string) =>
  (
    await rows<{ relname: string }>(
      db.url,
      "SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'v') AND c.relname LIKE $1 ORDER BY c.relname",
      [`${prefix}%`],
    )
  ).map((r) => r.relname);

const columns = async (table: string) =>
  (
    await rows<{ attname: string }>(
      db.url,
      "SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
      [table],
    )
  ).map((r) => r.attname);

describe("applying each layout to a real database", () => {
  it("plain: natural order (2 before 10), COPY data with tabs, \\N and escapes, a file's own BEGIN/COMMIT", async () => {
    const listed = await replay(
      db.url,
      {
        "sql/1_create.sql": "CREATE TABLE plain_t (id int PRIMARY KEY, note text);\n",
        "sql/2_add.sql": "ALTER TABLE plain_t ADD COLUMN extra text;\n",
        "sql/10_data.sql": [
          "-- rows as pg_dump writes them",
          "COPY plain_t (id, note, extra) FROM stdin;",
          "1\ttab\\there\t\\N",
          "2\tback\\\\slash\tnew\\nline",
          "3\t\\N\tlast",
          "\\.",
          "BEGIN;",
          "ALTER TABLE plain_t ADD COLUMN added_in_tx int;",
          "COMMIT;",
          "",
        ].join("\n"),
        "sql/README.md": "not a migration",
      },
      "sql",
    );
    expect(listed.layout).toBe("plain");
    expect(listed.migrations.map((m) => m.file)).toEqual(["sql/1_create.sql", "sql/2_add.sql", "sql/10_data.sql"]);
    expect(listed.ignored).toEqual(["sql/README.md"]);
    expect(await columns("plain_t")).toEqual(["id", "note", "extra", "added_in_tx"]);
    expect(await rows(db.url, "SELECT id, note, extra FROM plain_t ORDER BY id")).toEqual([
      { id: 1, note: "tab\there", extra: null },
      { id: 2, note: "back\\slash", extra: "new\nline" },
      { id: 3, note: null, extra: "last" },
    ]);
  });

  it("dbmate: sections in order, transaction:false lets CREATE INDEX CONCURRENTLY run", async () => {
    const listed = await replay(
      db.url,
      {
        "db/migrations/20240102000000_index.sql":
          "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY dbmate_t_name ON dbmate_t (name);\n\n-- migrate:down\nDROP INDEX dbmate_t_name;\n",
        "db/migrations/20240101000000_create.sql":
          "-- migrate:up\nCREATE TABLE dbmate_t (id int, name text);\nINSERT INTO dbmate_t VALUES (1, 'a');\n\n-- migrate:down\nDROP TABLE dbmate_t;\n",
      },
      "db/migrations",
    );
    expect(listed.layout).toBe("dbmate");
    expect(listed.migrations.map((m) => [m.version, m.name, m.up.transaction, m.up.startLine])).toEqual([
      ["20240101000000", "create", true, 2],
      ["20240102000000", "index", false, 2],
    ]);
    expect(listed.migrations[0]?.down?.sql).toBe("DROP TABLE dbmate_t;\n");
    expect(listed.migrations[0]?.down?.startLine).toBe(6);
    const index = await rows(db.url, "SELECT i.indisvalid FROM pg_catalog.pg_index i WHERE i.indexrelid = 'dbmate_t_name'::regclass");
    expect(index).toEqual([{ indisvalid: true }]);
  });

  it("golang-migrate: numeric version order; a lone CREATE INDEX CONCURRENTLY runs outside a transaction", async () => {
    const listed = await replay(
      db.url,
      {
        "migrations/000010_index.up.sql": "CREATE INDEX CONCURRENTLY gm_t_a ON gm_t (a);\n",
        "migrations/000010_index.down.sql": "DROP INDEX gm_t_a;\n",
        "migrations/9_add.up.sql": "ALTER TABLE gm_t ADD COLUMN b int;\nALTER TABLE gm_t ADD COLUMN c int;\n",
        "migrations/1_create.up.sql": "CREATE TABLE gm_t (a int);\n",
        "migrations/1_create.down.sql": "DROP TABLE gm_t;\n",
      },
      "migrations",
    );
    expect(listed.layout).toBe("golang-migrate");
    expect(listed.migrations.map((m) => [m.version, m.up.transaction, m.down?.file])).toEqual([
      ["1", false, "migrations/1_create.down.sql"],
      ["9", true, undefined],
      ["000010", false, "migrations/000010_index.down.sql"],
    ]);
    expect(await columns("gm_t")).toEqual(["a", "b", "c"]);
    expect(await rows(db.url, "SELECT 'gm_t_a'::regclass::text AS name")).toEqual([{ name: "gm_t_a" }]);
  });

  it("flyway: versions compared part by part (1.9 before 1.10), undo files as downs, repeatables last by description", async () => {
    const listed = await replay(
      db.url,
      {
        "db/migration/V1__create.sql": "CREATE TABLE fw_t (id int);\n",
        "db/migration/V1.10__ten.sql": "ALTER TABLE fw_t ADD COLUMN c110 int;\n",
        "db/migration/V1.9__nine.sql": "ALTER TABLE fw_t ADD COLUMN c19 int;\n",
        "db/migration/nested/V1_2__two.sql": "ALTER TABLE fw_t ADD COLUMN c12 int;\n",
        "db/migration/V2__index.sql": "CREATE INDEX CONCURRENTLY fw_t_id ON fw_t (id);\n",
        "db/migration/U1.10__ten.sql": "ALTER TABLE fw_t DROP COLUMN c110;\n",
        "db/migration/R__b_view.sql": "CREATE OR REPLACE VIEW fw_v2 AS SELECT * FROM fw_v1;\n",
        "db/migration/R__a_view.sql": "CREATE OR REPLACE VIEW fw_v1 AS SELECT id FROM fw_t;\n",
        "db/migration/afterMigrate.sql": "SELECT 1;\n",
      },
      "db/migration",
    );
    expect(listed.layout).toBe("flyway");
    expect(listed.migrations.map((m) => [m.version || m.name, m.up.transaction])).toEqual([
      ["1", true],
      ["1_2", true],
      ["1.9", true],
      ["1.10", true],
      ["2", false],
      ["a_view", true],
      ["b_view", true],
    ]);
    expect(listed.migrations[3]?.down?.file).toBe("db/migration/U1.10__ten.sql");
    expect(listed.ignored).toEqual(["db/migration/afterMigrate.sql"]);
    expect(await columns("fw_t")).toEqual(["id", "c12", "c19", "c110"]);
    expect(await tables("fw_v")).toEqual(["fw_v1", "fw_v2"]);
  });

  it("prisma: folders in name order, migration_lock.toml skipped", async () => {
    const listed = await replay(
      db.url,
      {
        "prisma/migrations/migration_lock.toml": 'provider = "postgresql"\n',
        "prisma/migrations/20240201000000_add_email/migration.sql": '-- AlterTable\nALTER TABLE "PrismaUser" ADD COLUMN "email" TEXT;\n',
        "prisma/migrations/20240101000000_init/migration.sql":
          '-- CreateTable\nCREATE TABLE "PrismaUser" (\n    "id" SERIAL NOT NULL,\n    CONSTRAINT "PrismaUser_pkey" PRIMARY KEY ("id")\n);\n',
      },
      "prisma/migrations",
    );
    expect(listed.layout).toBe("prisma");
    expect(listed.migrations.map((m) => [m.version, m.name])).toEqual([
      ["20240101000000", "init"],
      ["20240201000000", "add_email"],
    ]);
    expect(listed.ignored).toEqual([]);
    expect(await columns('"PrismaUser"')).toEqual(["id", "email"]);
  });
});
