import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A git repository in a temporary folder, with a cache folder of its own. */
export interface TestRepo {
  root: string;
  cacheDir: string;
  write(path: string, text: string): void;
  read(path: string): string;
  remove(path: string): void;
  git(...args: string[]): string;
  cleanup(): void;
}

export function makeRepo(files: Record<string, string>): TestRepo {
  const base = mkdtempSync(join(tmpdir(), "pgvc-check-test-"));
  const root = join(base, "repo");
  const cacheDir = join(base, "cache");
  mkdirSync(root);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: root,
      encoding: "utf8",
    });
  const repo: TestRepo = {
    root,
    cacheDir,
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    read: (path) => readFileSync(join(root, path), "utf8"),
    remove: (path) => rmSync(join(root, path), { force: true }),
    git,
    cleanup: () => rmSync(base, { recursive: true, force: true }),
  };
  git("init", "-q", "-b", "main");
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  git("add", "-A");
  git("commit", "-q", "-m", "start");
  return repo;
}

/** pgvc.yaml for a repository with one dbmate-less plain SQL directory, checked on `server`. */
export function configText(server: string, extra = ""): string {
  return `schema: schema.yaml\nmigrations:\n  - sql: db/migrations\nscratch:\n  server: ${server}\nintrospect:\n  no_owner: true\n  no_privileges: true\n${extra}`;
}

export const orders = "CREATE SCHEMA app;\nCREATE TABLE app.orders (id integer PRIMARY KEY, total numeric(10,2) NOT NULL);\n";

/** schema.yaml of `orders`, written by hand the way dbtoyaml --no-owner --no-privileges writes it. */
export const ordersYaml = `extension plpgsql:
  description: PL/pgSQL procedural language
  schema: pg_catalog
  version: '1.0'
schema app:
  table orders:
    columns:
    - id:
        not_null: true
        type: integer
    - total:
        not_null: true
        type: numeric(10,2)
    primary_key:
      orders_pkey:
        columns:
        - id
schema public:
  description: standard public schema
`;
