// Exit status 70 means a bug in pgvc, never a user's mistake. Every command is
// run over a table of wrong arguments (missing or wrong files, unwritable
// outputs, bad URIs, names that match nothing); each must give its documented
// exit code and a message of its own, never a stack trace.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";

const bin = (pkg: string, name: string) => fileURLToPath(new URL(`../../${pkg}/bin/${name}.js`, import.meta.url));
const commands = {
  dbtoyaml: bin("introspect", "dbtoyaml"),
  yamltodb: bin("diff", "yamltodb"),
  "pgvc diff": bin("diff", "pgvc-diff"),
  "pgvc-yaml": bin("yaml", "pgvc-yaml"),
  "pgvc-backup": bin("backup", "pgvc-backup"),
  "pgvc-restore": bin("backup", "pgvc-restore"),
  "pgvc-guard": bin("backup", "pgvc-guard"),
  pgvc: bin("cli", "pgvc"),
} as const;

const db = useTestDatabase();
const work = mkdtempSync(join(tmpdir(), "pgvc-wrong-"));
const at = (name: string) => join(work, name);

beforeAll(async () => {
  await execute(db.url, "CREATE SCHEMA app; CREATE TABLE app.orders (id integer)");
  writeFileSync(at("ok.yaml"), "schema app:\n  table orders:\n    columns:\n    - id:\n        type: integer\n");
  writeFileSync(
    at("latin1.yaml"),
    Buffer.concat([Buffer.from("schema app:\n  table caf"), Buffer.from([0xe9]), Buffer.from(":\n    columns: []\n")]),
  );
  writeFileSync(at("not-an-archive.dump"), "hello\n");
  mkdirSync(at("folder"));
  mkdirSync(at("tree/metadata/schema.app"), { recursive: true });
  writeFileSync(
    at("tree/metadata/database.x.yaml"),
    "schema app:\n  schema: schema.app.yaml\n  table orders: schema.app/table.orders.yaml\n",
  );
  writeFileSync(at("tree/metadata/schema.app.yaml"), "schema app: {}\n");
  symlinkSync("/etc/passwd", at("tree/metadata/schema.app/table.orders.yaml"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

type Case = [command: keyof typeof commands, args: string[], code: number, message: RegExp];

const refused = () => `postgres://nobody@127.0.0.1:1/x`;

const cases = (url: string): Case[] => [
  ["dbtoyaml", ["--no-such-flag"], 2, /unknown option/],
  ["dbtoyaml", ["-p", "abc", "x"], 2, /invalid port/],
  ["dbtoyaml", ["postgres://u@h/%zz"], 2, /bad %-escape/],
  ["dbtoyaml", ["-o", at("no/dir/x.yaml"), url], 2, /does not exist/],
  ["dbtoyaml", ["-o", at("folder"), url], 2, /is a directory/],
  ["dbtoyaml", ["-t", "nosuchtable", url], 2, /-t nosuchtable: no such table/],
  ["dbtoyaml", [refused()], 4, /could not connect/],
  ["yamltodb", [url, at("missing.yaml")], 3, /missing\.yaml: no such file/],
  ["yamltodb", [url, at("folder")], 3, /is a directory/],
  ["yamltodb", ["-o", at("no/dir/x.sql"), url, at("ok.yaml")], 2, /does not exist/],
  ["yamltodb", ["postgres://u@h/%zz", at("ok.yaml")], 2, /bad %-escape/],
  ["yamltodb", [url, at("latin1.yaml")], 3, /latin1\.yaml:2:12: not UTF-8/],
  ["yamltodb", [url], 3, /<stdin>: no schema in this document/],
  ["yamltodb", ["--rename", "nonsense", url, at("ok.yaml")], 2, /KIND:OLD=NEW/],
  ["yamltodb", ["-u", "--revert", url, at("ok.yaml")], 2, /--revert/],
  ["yamltodb", ["-m", "-r", at("folder"), url], 3, /no metadata directory/],
  ["yamltodb", ["-m", "-r", at("tree"), url], 3, /outside|symbolic link/],
  ["yamltodb", [refused(), at("ok.yaml")], 4, /could not connect/],
  ["pgvc diff", [at("missing.yaml"), "empty"], 3, /no such file/],
  ["pgvc diff", [at("folder"), "empty"], 3, /no metadata directory/],
  ["pgvc diff", ["empty"], 2, /missing required argument/],
  ["pgvc diff", ["empty", at("latin1.yaml")], 3, /not UTF-8/],
  ["pgvc diff", ["-o", at("no/dir/x.sql"), "empty", at("ok.yaml")], 2, /does not exist/],
  ["pgvc-yaml", ["fmt"], 2, /nothing to format/],
  ["pgvc-yaml", ["fmt", at("missing.yaml")], 3, /cannot read|no such file/],
  ["pgvc-yaml", ["fmt", at("folder")], 3, /is a directory/],
  ["pgvc-yaml", ["fmt", "--check", at("latin1.yaml")], 3, /latin1\.yaml:2:12: not UTF-8/],
  ["pgvc-yaml", ["fmt", "-r", at("tree")], 3, /outside|symbolic link/],
  ["pgvc-backup", ["-o", at("no/dir/x.dump"), url], 2, /does not exist/],
  ["pgvc-backup", ["postgres://u@h/%zz"], 2, /bad %-escape/],
  ["pgvc-restore", [at("folder"), "x", "--yes"], 3, /a directory, not a backup archive/],
  ["pgvc-restore", [at("missing.dump"), "x", "--yes"], 3, /no such backup file/],
  ["pgvc-restore", [at("not-an-archive.dump"), "x", "--yes"], 3, /./],
  ["pgvc-guard", ["x"], 2, /no command to guard/],
  ["pgvc-guard", ["x", "--expect", at("latin1.yaml"), "--", "true"], 3, /not UTF-8/],
  ["pgvc", ["no-such-command"], 2, /./],
];

describe("wrong arguments give their exit code and one message, never 70", () => {
  // The table is built inside each test: the database's URL is known only then.
  const count = cases("postgres://placeholder").length;
  for (let i = 0; i < count; i++) {
    const [command, args] = cases("DB")[i]!;
    it(`${command} ${args.map((a) => a.replace(work, "…")).join(" ")}`, () => {
      const [command, args, code, message] = cases(db.url)[i]!;
      const result = spawnSync(process.execPath, [commands[command], ...args], {
        encoding: "utf8",
        input: "",
        cwd: work,
        env: { PATH: process.env.PATH, HOME: work },
        timeout: 60_000,
      });
      const shown = `${command} ${args.join(" ")} -> ${result.status}: ${result.stderr}`;
      expect(result.status, shown).toBe(code);
      expect(result.stderr, shown).toMatch(message);
      expect(result.stderr, shown).not.toMatch(/\n\s+at |internal error|root:x:0:0/);
      expect((result.stderr.split("\n")[0] ?? "").length, shown).toBeGreaterThan(0);
    });
  }
});
