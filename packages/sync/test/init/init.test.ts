import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "@pgvc/core";
import { init, type InitOptions } from "../../src/commands/init.js";
import { makeRepo, ownedSchema, plainSchema } from "./repo.js";

const repos: { remove(): void }[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.remove();
});

function repo(files: Record<string, string>): string {
  const r = makeRepo(files);
  repos.push(r);
  return r.dir;
}

const run = (cwd: string, more: Partial<InitOptions> = {}) => init({ cwd, hook: "auto", dryRun: false, ...more });
const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
const kinds = (actions: { kind: string; path: string }[]) => actions.map((a) => `${a.kind} ${a.path}`);

const django = {
  "manage.py": "",
  "pyrseas/schema.yaml": "schema shop:\n  table customer:\n    columns:\n    - id:\n        type: bigint\n",
  "shop/migrations/__init__.py": "",
  "shop/migrations/0001_initial.py": "",
};

describe("pgvc init in a Django repository", () => {
  it("writes pgvc.yaml for manage.py migrate and a plain git hook, then keeps both", async () => {
    const dir = repo(django);
    const first = await run(dir);
    expect(kinds(first.actions)).toEqual(["created pgvc.yaml", "created .git/hooks/pre-commit"]);
    expect(read(dir, "pgvc.yaml")).toBe(
      [
        "# The sync check (pgvc check): the schema and the migrations that must build it.",
        "schema: pyrseas/schema.yaml",
        "migrations:",
        "  - command: python3 manage.py migrate --noinput",
        '    watch: ["*/migrations/*.py"]',
        "    name: django",
        "    app: shop",
        "introspect:",
        '  schemas: ["shop"]',
        "  no_owner: true",
        "  no_privileges: true",
        "",
      ].join("\n"),
    );
    const hook = join(dir, ".git/hooks/pre-commit");
    expect(read(dir, ".git/hooks/pre-commit")).toMatch(/^#!\/bin\/sh\n[^]*\npgvc check --staged \|\| exit \$\?\n/);
    expect(statSync(hook).mode & 0o111).toBe(0o111);
    expect(existsSync(join(dir, "package.json"))).toBe(false);
    const again = await run(dir);
    expect(kinds(again.actions)).toEqual(["kept pgvc.yaml", "kept .git/hooks/pre-commit"]);
  });

  it("appends a marked block to an existing shell hook, once", async () => {
    const dir = repo({ ...django, ".git/hooks/pre-commit": "#!/bin/bash\nmake lint\n" });
    await run(dir);
    const text = read(dir, ".git/hooks/pre-commit");
    expect(text.startsWith("#!/bin/bash\nmake lint\n\n# >>> pgvc >>>")).toBe(true);
    await run(dir);
    expect(read(dir, ".git/hooks/pre-commit")).toBe(text);
  });

  it("refuses to touch a hook that exits by itself, and says what to add", async () => {
    const original = "#!/bin/sh\nmake lint\nexit 0\n";
    const dir = repo({ ...django, ".git/hooks/pre-commit": original });
    const result = await run(dir);
    const refused = result.actions.find((a) => a.kind === "refused");
    expect(refused?.path).toBe(".git/hooks/pre-commit");
    expect(refused?.instructions?.join("\n")).toContain("pgvc check --staged");
    expect(read(dir, ".git/hooks/pre-commit")).toBe(original);
  });

  it("writes the hook where core.hooksPath points", async () => {
    const dir = repo(django);
    execFileSync("git", ["config", "core.hooksPath", "githooks"], { cwd: dir });
    const result = await run(dir, { hook: "git" });
    expect(kinds(result.actions)).toContain("created githooks/pre-commit");
    expect(existsSync(join(dir, ".git/hooks/pre-commit"))).toBe(false);
  });
});

describe("pgvc init in a Node repository", () => {
  const node = {
    "package.json": '{\n    "name": "app",\n    "private": true\n}\n',
    "db/migrations/001_t.sql": "CREATE TABLE t (id integer);\n",
    "schema.yaml": plainSchema,
  };

  it("sets husky and lint-staged up without installing them", async () => {
    const dir = repo(node);
    const result = await run(dir);
    expect(kinds(result.actions)).toEqual([
      "created pgvc.yaml",
      "updated package.json",
      "created .husky/pre-commit",
      "created lint-staged.config.mjs",
    ]);
    expect(JSON.parse(read(dir, "package.json"))).toEqual({ name: "app", private: true, scripts: { prepare: "husky" } });
    expect(read(dir, "package.json")).toContain('\n    "name"');
    expect(read(dir, ".husky/pre-commit")).toBe("npx --no-install lint-staged\n");
    expect(read(dir, "lint-staged.config.mjs")).toContain('"{pgvc.yaml,schema.yaml,db/migrations/**}": () => "pgvc check --staged",');
    expect(result.next[0]).toBe("npm install --save-dev husky lint-staged && npx husky");
    expect(read(dir, "pgvc.yaml")).toContain("schema: schema.yaml\nmigrations:\n  - sql: db/migrations\nintrospect:\n  no_owner: true\n");
  });

  it("leaves a lint-staged configuration in package.json alone and says what to do", async () => {
    const pkg = '{ "name": "app", "scripts": { "prepare": "husky" }, "lint-staged": { "*.js": "eslint" } }\n';
    const dir = repo({ ...node, "package.json": pkg });
    const result = await run(dir);
    expect(read(dir, "package.json")).toBe(pkg);
    expect(result.actions.find((a) => a.kind === "refused")?.path).toBe("package.json");
    expect(existsSync(join(dir, "lint-staged.config.mjs"))).toBe(false);
  });

  it("refuses husky where there is no package.json", async () => {
    const dir = repo({ "migrations/1.sql": "", "schema.yaml": plainSchema });
    await expect(run(dir, { hook: "husky" })).rejects.toThrow(/--hook husky: .* has no package\.json/);
    expect(existsSync(join(dir, "pgvc.yaml"))).toBe(false);
  });

  it("uses a plain git hook when asked, even with a package.json", async () => {
    const dir = repo(node);
    const result = await run(dir, { hook: "git" });
    expect(kinds(result.actions)).toEqual(["created pgvc.yaml", "created .git/hooks/pre-commit"]);
  });
});

describe("pgvc init finds and infers", () => {
  it("keeps owners and privileges compared when the schema names them", async () => {
    const dir = repo({
      "migrations/1.sql": "",
      "schema.yaml": ownedSchema.replace("owner: app\n  table", "owner: app\n  privileges:\n  - app:\n    - all\n  table"),
    });
    await run(dir, { hook: "none" });
    expect(read(dir, "pgvc.yaml")).not.toContain("introspect:");
  });

  it("finds a multiple-files tree and Prisma's migrations; flags win over what is found", async () => {
    const dir = repo({
      "db/metadata/database.app.yaml": "schema public: schema.public.yaml\n",
      "db/metadata/schema.public.yaml": "schema public: {}\n",
      "prisma/migrations/20240101_init/migration.sql": "CREATE TABLE t (id integer);\n",
    });
    await run(dir, { hook: "none", owner: true, server: "postgres://me@db.example.com/postgres" });
    expect(read(dir, "pgvc.yaml")).toContain(
      "schema: db\nmigrations:\n  - sql: prisma/migrations\n    layout: prisma\nscratch:\n  server: postgres://me@db.example.com/postgres\nintrospect:\n  no_privileges: true\n",
    );
  });

  it("explains what it looked for when there is no schema or no migration", async () => {
    await expect(run(repo({ "migrations/1.sql": "" }))).rejects.toThrow(/no schema file found/);
    await expect(run(repo({ "schema.yaml": plainSchema }))).rejects.toThrow(UsageError);
  });

  it("writes nothing with --dry-run", async () => {
    const dir = repo({ "migrations/1.sql": "", "schema.yaml": plainSchema });
    const result = await run(dir, { dryRun: true });
    expect(result.configText).toContain("  - sql: migrations\n");
    expect(existsSync(join(dir, "pgvc.yaml"))).toBe(false);
    expect(existsSync(join(dir, ".git/hooks/pre-commit"))).toBe(false);
  });

  it("refuses outside a git repository unless the hook is left out", async () => {
    const dir = repo({ "migrations/1.sql": "", "schema.yaml": plainSchema });
    writeFileSync(join(dir, ".git/HEAD"), "garbage\n");
    await expect(run(dir)).rejects.toThrow(/not in a git repository/);
  });
});
