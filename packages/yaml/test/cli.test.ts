import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeMultipleFiles } from "@pgvc/yaml";

const bin = fileURLToPath(new URL("../bin/pgvc-yaml.js", import.meta.url));
const lines = (...l: string[]) => `${l.join("\n")}\n`;

function run(...args: string[]) {
  return runWithInput(undefined, ...args);
}

function runWithInput(input: string | undefined, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const messy = lines("schema app:", "  table t:", "    columns: [{id: integer}]", "    owner: alice");
const canonical = lines("schema app:", "  table t:", "    columns:", "    - id:", "        type: integer", "    owner: alice");

describe("pgvc-yaml", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "pgvc-yaml-cli-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("fmt --check exits 1 listing the files that are not canonical, and writes nothing", async () => {
    const a = join(dir, "a.yaml");
    const b = join(dir, "b.yaml");
    await writeFile(a, messy);
    await writeFile(b, canonical);
    const r = run("fmt", "--check", a, b);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${a}\n`);
    expect(r.stderr).toContain("1 file(s) not canonical");
    expect(await readFile(a, "utf8")).toBe(messy);
  });

  it("fmt rewrites in canonical form; then --check exits 0", async () => {
    const a = join(dir, "a.yaml");
    await writeFile(a, messy);
    expect(run("fmt", a).code).toBe(0);
    expect(await readFile(a, "utf8")).toBe(canonical);
    const r = run("fmt", "--check", a);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("bad input exits 3 with file:line:col, and the good files are still formatted", async () => {
    const bad = join(dir, "bad.yaml");
    const good = join(dir, "good.yaml");
    await writeFile(bad, lines("schema app:", "  tabel t: {}"));
    await writeFile(good, messy);
    const r = run("fmt", bad, good);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${bad}:2:3: unknown object type "tabel" in "tabel t" (did you mean "table"?)`);
    expect(await readFile(good, "utf8")).toBe(canonical);
  });

  it("fmt - formats standard input to standard output", () => {
    const r = runWithInput(messy, "fmt", "-");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(canonical);
    expect(runWithInput(messy, "fmt", "--check", "-").code).toBe(1);
    expect(runWithInput(canonical, "fmt", "--check", "-").code).toBe(0);
    const bad = runWithInput(lines("schema app:", "  tabel t: {}"), "fmt", "-");
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("<stdin>:2:3: unknown object type");
  });

  it("a missing file is bad input", () => {
    const r = run("fmt", join(dir, "none.yaml"));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("none.yaml: no such file");
  });

  it("formats a multiple-files tree with -r", async () => {
    await writeMultipleFiles(
      { schemas: { app: { tables: { t: { owner: "alice", columns: [{ name: "id", type: "integer" }] } } } } },
      dir,
      "shop",
    );
    expect(run("fmt", "--check", "-r", dir).code).toBe(0);
    const file = join(dir, "metadata/schema.app/table.t.yaml");
    await writeFile(file, lines("table t: {owner: alice, columns: [{id: integer}]}"));
    const check = run("fmt", "--check", "-r", dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(`${file}\n`);
    expect(run("fmt", "-r", dir).code).toBe(0);
    expect(await readFile(file, "utf8")).toBe(lines("table t:", "  columns:", "  - id:", "      type: integer", "  owner: alice"));
    expect(run("fmt", "--check", "-r", dir, "-d", "shop").code).toBe(0);
  });

  it("fmt -r moves objects out of hand-made files into the canonical ones, and --check names both", async () => {
    const metadata = join(dir, "metadata");
    await mkdir(join(metadata, "schema.app"), { recursive: true });
    await writeFile(
      join(metadata, "database.shop.yaml"),
      lines("schema app:", "  schema: schema.app.yaml", "  table t: schema.app/tables.yaml"),
    );
    await writeFile(join(metadata, "schema.app.yaml"), lines("schema app: {}"));
    await writeFile(join(metadata, "schema.app/tables.yaml"), lines("table t:", "  columns:", "  - id:", "      type: integer"));
    const check = run("fmt", "--check", "-r", dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      [join(metadata, "database.shop.yaml"), join(metadata, "schema.app/table.t.yaml"), join(metadata, "schema.app/tables.yaml"), ""].join(
        "\n",
      ),
    );
    expect(run("fmt", "-r", dir).code).toBe(0);
    expect((await readdir(join(metadata, "schema.app"))).sort()).toEqual(["table.t.yaml"]);
    expect(run("fmt", "--check", "-r", dir).code).toBe(0);
  });

  it("fmt -r folds a file added by hand into the canonical layout", async () => {
    await writeMultipleFiles({ schemas: { app: { tables: { t: { columns: [{ name: "id", type: "integer" }] } } } } }, dir, "shop");
    const added = join(dir, "metadata/schema.app/my tables.yaml");
    await writeFile(added, lines("table u: {columns: [{id: integer}]}"));
    const check = run("fmt", "--check", "-r", dir);
    expect(check.code).toBe(1);
    expect(check.stdout.split("\n")).toContain(added);
    expect(run("fmt", "-r", dir).code).toBe(0);
    expect((await readdir(join(dir, "metadata/schema.app"))).sort()).toEqual(["table.t.yaml", "table.u.yaml"]);
    expect(run("fmt", "--check", "-r", dir).code).toBe(0);
  });

  it.each([
    [["fmt"], 2, /nothing to format/],
    [["fmt", "--bogus", "x.yaml"], 2, /unknown option '--bogus'/],
    [["fmt", "-d", "shop", "x.yaml"], 2, /-d\/--dbname needs -r DIR/],
    [["frobnicate"], 2, /unknown command 'frobnicate'/],
  ])("usage errors exit 2: %j", (args, code, message) => {
    const r = run(...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it("runs as `pgvc yaml fmt` through the umbrella command", async () => {
    const a = join(dir, "a.yaml");
    await writeFile(a, messy);
    const umbrella = fileURLToPath(new URL("../../../node_modules/.bin/pgvc", import.meta.url));
    const r = spawnSync(umbrella, ["yaml", "fmt", "--check", a], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${a}\n`);
  });

  it("--help and --version exit 0", () => {
    const help = run("fmt", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: pgvc-yaml fmt [options] [files...]");
    const version = run("--version");
    expect(version.code).toBe(0);
    expect(version.stdout).toBe("0.1.0\n");
  });
});
