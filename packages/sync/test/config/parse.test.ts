import { describe, expect, it } from "vitest";
import { InputError } from "@pgvc/core";
import { parseConfig, renderConfig } from "../../src/index.js";

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, "pgvc.yaml", "/repo");
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    return [e.message, ...e.hints];
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseConfig", () => {
  it("reads the minimal three-line file with the defaults", () => {
    const config = parseConfig("schema: schema.yaml\nmigrations:\n  - sql: migrations\n", "pgvc.yaml", "/repo");
    expect(config.schema).toBe("schema.yaml");
    expect(config.migrations).toEqual([{ kind: "sql", dir: "migrations", layout: undefined, name: undefined }]);
    expect(config.scratch).toEqual({ kind: "embedded", major: 16, idleSeconds: 600 });
    expect(config.introspect).toEqual({ schemas: [], excludeSchemas: [], noOwner: false, noPrivileges: false });
  });

  it("reads every key of the reference", () => {
    const text = [
      "schema: pyrseas/schema.yaml",
      "migrations:",
      "  - sql: ./db/migrations/",
      "    layout: dbmate",
      "  - command: python3 manage.py migrate --noinput",
      '    watch: ["*/migrations/*.py"]',
      "    cwd: web",
      "    name: django",
      "    app: shop",
      "scratch:",
      "  server: embedded",
      "  version: 14",
      "  idle: 30",
      "introspect:",
      "  schemas: [app]",
      "  exclude_schemas: audit",
      "  no_owner: true",
      "  no_privileges: true",
      "",
    ].join("\n");
    const config = parseConfig(text, "/repo/pgvc.yaml", "/repo");
    expect(config.migrations).toEqual([
      { kind: "sql", dir: "db/migrations", layout: "dbmate", name: undefined },
      {
        kind: "command",
        command: "python3 manage.py migrate --noinput",
        watch: ["*/migrations/*.py"],
        cwd: "web",
        name: "django",
        app: "shop",
      },
    ]);
    expect(config.scratch).toEqual({ kind: "embedded", major: 14, idleSeconds: 30 });
    expect(config.introspect).toEqual({ schemas: ["app"], excludeSchemas: ["audit"], noOwner: true, noPrivileges: true });
  });

  it("takes a postgres:// URL as the server", () => {
    const config = parseConfig(
      "schema: s.yaml\nmigrations: [{sql: m}]\nscratch:\n  server: postgres://me@db/postgres\n",
      "pgvc.yaml",
      "/repo",
    );
    expect(config.scratch).toEqual({ kind: "url", url: "postgres://me@db/postgres" });
  });

  it("names an unknown key with its line and column and a did-you-mean", () => {
    // line 3, column 5: the key `layuot` under the first source
    const [message, ...hints] = problemsOf("schema: s.yaml\nmigrations:\n  - layuot: dbmate\n    sql: m\n");
    expect(message).toBe('pgvc.yaml:3:5: unknown key "layuot" in a migration source (did you mean "layout"?)');
    expect(hints[0]).toContain("expected one of: sql, layout, name, command");
  });

  it("suggests the layout and the server a typo meant", () => {
    // layout value at line 4 column 13; server value at line 6 column 11
    const problems = problemsOf("schema: s.yaml\nmigrations:\n  - sql: m\n    layout: dbmat\nscratch:\n  server: embeded\n");
    expect(problems[0]).toBe(
      'pgvc.yaml:4:13: layout "dbmat" is not one of plain, dbmate, golang-migrate, flyway, prisma (did you mean "dbmate"?)',
    );
    expect(problems[1]).toBe('pgvc.yaml:6:11: server "embeded" is not one of embedded (did you mean "embedded"?)');
  });

  it("reports every problem at once, in file order", () => {
    // version at 4:12 (out of range), no_owner at 6:13 (not a boolean), a top key typo at 7:1
    const text = "schema: s.yaml\nmigrations: [{sql: m}]\nscratch:\n  version: 13\nintrospect:\n  no_owner: yes please\nintrospekt: {}\n";
    expect(problemsOf(text)).toEqual([
      "pgvc.yaml:4:12: version must be a whole number from 14 to 18; got number 13",
      'pgvc.yaml:6:13: no_owner must be true or false; got "yes please"',
      'pgvc.yaml:7:1: unknown key "introspekt" in pgvc.yaml (did you mean "introspect"?)',
    ]);
  });

  it("says what is missing, with an example", () => {
    const problems = problemsOf("migrations:\n  - sql: m\n");
    expect(problems[0]).toBe('pgvc.yaml:1:1: "schema" is missing');
  });

  it("refuses a source with both sql and command, and YAML that does not parse", () => {
    expect(problemsOf("schema: s\nmigrations:\n  - sql: m\n    command: x\n")[0]).toBe(
      "pgvc.yaml:3:5: a migration source has either sql: DIR or command: COMMAND",
    );
    expect(problemsOf("schema: [s\n")[0]).toMatch(/^pgvc\.yaml:\d+:\d+: not valid YAML: /);
  });

  it("refuses a path outside the repository", () => {
    expect(problemsOf("schema: ../elsewhere.yaml\nmigrations: [{sql: m}]\n")[0]).toBe(
      'pgvc.yaml:1:9: "../elsewhere.yaml" is outside the repository (/repo)',
    );
  });
});

describe("renderConfig", () => {
  it("writes the minimal file for the defaults, and text that reads back the same", () => {
    const minimal = parseConfig("schema: schema.yaml\nmigrations:\n  - sql: migrations\n", "pgvc.yaml", "/repo");
    expect(renderConfig(minimal)).toBe("schema: schema.yaml\nmigrations:\n  - sql: migrations\n");
    const full = parseConfig(
      'schema: pyrseas/schema.yaml\nmigrations:\n  - sql: db\n    layout: flyway\n  - command: "python3 manage.py migrate: yes"\n    watch: ["*/migrations/*.py"]\n    app: shop\nscratch:\n  version: 17\nintrospect:\n  schemas: [app]\n  no_owner: true\n',
      "pgvc.yaml",
      "/repo",
    );
    const text = renderConfig(full);
    const again = parseConfig(text, "pgvc.yaml", "/repo");
    expect({ ...again, locations: undefined }).toEqual({ ...full, locations: undefined });
  });
});
