import { describe, expect, it } from "vitest";
import { watchedFiles } from "../../src/sources/command.js";
import { commandEnvironment, databaseUrl } from "../../src/sources/command-env.js";
import { workingTreeFiles } from "../../src/sources/files.js";
import { globToRegExp } from "../../src/sources/glob.js";
import { tempRepo } from "./helpers.js";

const target = { host: "127.0.0.1", port: 5433, user: "me", password: "p@ss:/word", database: "scratch db" };

describe("globs", () => {
  const cases: [string, string, boolean][] = [
    ["*/migrations/*.py", "shop/migrations/0001_initial.py", true],
    ["*/migrations/*.py", "shop/migrations/sub/0001.py", false],
    ["*/migrations/*.py", "a/shop/migrations/0001.py", false],
    ["**/migrations/*.py", "migrations/0001.py", true],
    ["**/migrations/*.py", "a/b/migrations/0001.py", true],
    ["apps/**", "apps/x/y.py", true],
    ["apps/**", "other/apps/x.py", false],
    ["a/**/b.py", "a/b.py", true],
    ["a/**/b.py", "a/x/y/b.py", true],
    ["000?_*.py", "0001_init.py", true],
    ["000?_*.py", "00010_init.py", false],
    ["m/*.py", "m/x.pyc", false],
    ["file.(1).py", "file.(1).py", true],
    ["file.(1).py", "fileX(1)Xpy", false],
  ];
  it.each(cases)("%s on %s is %s", (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe("the command's environment", () => {
  it("points every libpq variable and DATABASE_URL at the target and drops the user's others", () => {
    const env = commandEnvironment(target, {
      PATH: "/bin",
      PGSERVICE: "prod",
      PGSSLMODE: "verify-full",
      PGHOST: "prod.example",
      HOME: "/h",
      pgpassfile: "x",
    });
    expect(env).toEqual({
      PATH: "/bin",
      HOME: "/h",
      PGHOST: "127.0.0.1",
      PGPORT: "5433",
      PGUSER: "me",
      PGPASSWORD: "p@ss:/word",
      PGDATABASE: "scratch db",
      DATABASE_URL: "postgresql://me:p%40ss%3A%2Fword@127.0.0.1:5433/scratch%20db",
    });
  });

  it("writes a socket folder and an IPv6 host the way libpq reads them", () => {
    expect(databaseUrl({ ...target, host: "/tmp/pg sock", database: "d" })).toBe(
      "postgresql://me:p%40ss%3A%2Fword@:5433/d?host=%2Ftmp%2Fpg%20sock",
    );
    expect(databaseUrl({ ...target, host: "::1", database: "d", sslmode: "require" })).toBe(
      "postgresql://me:p%40ss%3A%2Fword@[::1]:5433/d?sslmode=require",
    );
  });
});

describe("watchedFiles", () => {
  it("lists the files matching the watch globs, sorted, once each", async () => {
    const repo = await tempRepo({
      "shop/migrations/0002_b.py": "",
      "shop/migrations/0001_a.py": "",
      "shop/migrations/__init__.py": "",
      "shop/models.py": "",
      "blog/migrations/0001_a.py": "",
      "node_modules/x/migrations/0001.py": "",
    });
    try {
      const files = await watchedFiles(
        { run: "", cwd: repo.root, watch: ["*/migrations/0*.py", "shop/migrations/*.py"] },
        workingTreeFiles(repo.root),
      );
      expect(files).toEqual([
        "blog/migrations/0001_a.py",
        "shop/migrations/0001_a.py",
        "shop/migrations/0002_b.py",
        "shop/migrations/__init__.py",
      ]);
    } finally {
      await repo.cleanup();
    }
  });
});
