// A team's schema.yaml written by Pyrseas 0.10 (dbtoyaml -O), held here as
// Pyrseas writes it (fixtures/pyrseas/NAME.yaml, checked against real
// Pyrseas on the database NAME.sql builds): against that database yamltodb
// prints nothing, and what the dialect cannot describe is left alone with
// one warning; the same file builds an empty database that then matches it.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTestDatabase, execute } from "@pgvc/testkit";
import { diffCommand, upgradeYaml, yamltodb } from "@pgvc/diff";

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/pyrseas/${name}`, import.meta.url));

interface Case {
  name: string;
  /** Words of the one warning about what Pyrseas cannot describe; none when undefined. */
  kept?: string[];
  /** An empty database built from the file matches it (not when the file cannot describe the source). */
  builds: boolean;
}

const cases: Case[] = [
  { name: "schema-privileges", builds: true },
  { name: "rls", kept: ["policies on app.acct", "row-level security on app.acct"], builds: true },
  { name: "exclusion", kept: ["exclusion constraints on app.booking"], builds: true },
  { name: "generated", kept: ["generated column app.item.total"], builds: false },
  { name: "collations", kept: ["collation app.ci (icu)"], builds: false },
  { name: "triggers", builds: true },
  { name: "citext-casts", builds: true },
  { name: "partitions", builds: true },
  { name: "views-sequences", builds: true },
];

async function withDatabase<T>(sql: string, use: (url: string) => Promise<T>): Promise<T> {
  const db = await createTestDatabase("pyrseas");
  try {
    // The fixtures hold schema public as PostgreSQL 15 and later make it; PostgreSQL 14's is made the same.
    await execute(db.url, "ALTER SCHEMA public OWNER TO pg_database_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
    if (sql !== "") await execute(db.url, sql);
    return await use(db.url);
  } finally {
    await db.drop();
  }
}

describe("a Pyrseas file against the database it was written from", () => {
  for (const kase of cases) {
    it(`${kase.name}: no statement${kase.kept ? ", one warning naming what is kept" : ""}`, async () => {
      const sql = readFileSync(fixture(`${kase.name}.sql`), "utf8");
      const result = await withDatabase(sql, (url) => yamltodb({ connection: { dbname: url }, spec: fixture(`${kase.name}.yaml`) }));
      expect(result.sql).toBe("");
      if (kase.kept) {
        expect(result.warnings).toHaveLength(1);
        for (const words of kase.kept) expect(result.warnings[0]).toContain(words);
      } else {
        expect(result.warnings).toEqual([]);
      }
    });
  }
});

describe("pgvc diff reads a Pyrseas file as yamltodb does", () => {
  it("either way round against the database: nothing about policies, one warning naming what is kept", async () => {
    const sql = readFileSync(fixture("rls.sql"), "utf8");
    await withDatabase(sql, async (url) => {
      const forward = await diffCommand({ from: url, to: fixture("rls.yaml"), connection: {} });
      expect(forward.sql).toBe("");
      // The file was written without owners (-O): it says nothing about who owns what, so the way back
      // compares no owners (nor the owner's own rights, which come with ownership), and no policies.
      const back = await diffCommand({ from: fixture("rls.yaml"), to: url, connection: {} });
      expect(back.sql).toBe("");
      for (const result of [forward, back]) {
        expect(result.warnings).toHaveLength(1);
        expect(result.warnings[0]).toContain("policies on app.acct");
      }
    });
  });

  it("a file dbtoyaml wrote is pgvc's even without a key only pgvc writes: RLS left out means off", async () => {
    const sql = readFileSync(fixture("rls.sql"), "utf8");
    const ours = `# pgvc schema: an attribute left out is at its default\n${readFileSync(fixture("rls.yaml"), "utf8")}`;
    const dir = mkdtempSync(join(tmpdir(), "pyrseas-diff-"));
    try {
      writeFileSync(join(dir, "schema.yaml"), ours);
      const result = await withDatabase(sql, (url) => diffCommand({ from: url, to: join(dir, "schema.yaml"), connection: {} }));
      expect(result.warnings).toEqual([]);
      expect(result.sql).toContain("DROP POLICY acct_own ON app.acct;");
      expect(result.sql).toContain("ALTER TABLE app.acct DISABLE ROW LEVEL SECURITY;");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a Pyrseas file builds an empty database", () => {
  for (const kase of cases.filter((c) => c.builds)) {
    it(`${kase.name}: built, then nothing left to do`, async () => {
      const spec = fixture(`${kase.name}.yaml`);
      await withDatabase("", async (url) => {
        const built = await yamltodb({ connection: { dbname: url }, spec, update: true });
        expect(built.applied).toBe(true);
        const again = await yamltodb({ connection: { dbname: url }, spec });
        expect(again.sql).toBe("");
      });
    });
  }
});

describe("hazards of what a Pyrseas file would give up", () => {
  it("dropping a policy and disabling RLS are security hazards, dropping a constraint an integrity hazard", async () => {
    const sql = readFileSync(fixture("rls.sql"), "utf8") + "ALTER TABLE app.acct ADD CONSTRAINT name_set CHECK (owner_name <> '');";
    // `row_level_security: false` is a key only pgvc writes: the file is pgvc's, and means what it says.
    const yaml = readFileSync(fixture("rls.yaml"), "utf8").replace("  table acct:\n", "  table acct:\n    row_level_security: false\n");
    const result = await withDatabase(sql, (url) =>
      yamltodb({ connection: { dbname: url }, spec: "-", stdin: () => Promise.resolve(yaml), hazards: true }),
    );
    expect(result.warnings).toEqual([]);
    const hazardsOf = (start: string) => result.statements.find((s) => s.sql.startsWith(start))?.hazards;
    expect(hazardsOf("DROP POLICY acct_own")).toContain("security");
    expect(hazardsOf("ALTER TABLE app.acct DISABLE ROW LEVEL SECURITY")).toContain("security");
    expect(hazardsOf("ALTER TABLE app.acct DROP CONSTRAINT name_set")).toContain("integrity");
    expect(result.sql).toContain("-- hazards: security\nDROP POLICY acct_own ON app.acct;");
  });
});

describe("pgvc yaml-upgrade", () => {
  for (const name of ["rls", "exclusion", "generated", "collations"]) {
    it(`${name}: the rewritten file says what Pyrseas could not; yamltodb then prints nothing and warns of nothing`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "pyrseas-upgrade-"));
      try {
        const file = join(dir, "schema.yaml");
        copyFileSync(fixture(`${name}.yaml`), file);
        await withDatabase(readFileSync(fixture(`${name}.sql`), "utf8"), async (url) => {
          const upgraded = await upgradeYaml({ file, connection: { dbname: url } });
          expect(upgraded.kept.length).toBeGreaterThan(0);
          expect(readFileSync(file, "utf8")).toBe(upgraded.text);
          const after = await yamltodb({ connection: { dbname: url }, spec: file });
          expect(after.sql).toBe("");
          expect(after.warnings).toEqual([]);
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
