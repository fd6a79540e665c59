import { beforeAll, describe, expect, it } from "vitest";
import { ensureRole, testServerUrl } from "@pgvc/testkit";
import { parseRenameHint } from "@pgvc/diff";
import { roundTrip } from "./roundtrip.js";

// Wrappers without a handler need no extension: enough for servers, user
// mappings and foreign tables to exist in the catalog.
const role = "pgvc_fdw_diff_user";
const text = async (before: string, after: string) => (await roundTrip(before, after)).sql.join(";\n");
const wrapper = "CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true');";
const server = `${wrapper} CREATE SERVER s TYPE 'pg' VERSION '1.0' FOREIGN DATA WRAPPER w OPTIONS (host 'a', port '5432');`;

beforeAll(async () => {
  await ensureRole(testServerUrl(), role);
});

describe("foreign data round trips", () => {
  it("creates a wrapper, a server, user mappings and a foreign table in dependency order", async () => {
    const sql = await text(
      "CREATE SCHEMA app;",
      `CREATE SCHEMA app; ${server}
       CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'guest');
       CREATE USER MAPPING FOR ${role} SERVER s;
       CREATE FOREIGN TABLE app.remote (id integer NOT NULL, name text DEFAULT 'x') SERVER s OPTIONS (table_name 'r');
       COMMENT ON SERVER s IS 'the remote';
       COMMENT ON COLUMN app.remote.name IS 'its name';
       GRANT USAGE ON FOREIGN SERVER s TO ${role};`,
    );
    const at = (s: string) => sql.indexOf(s);
    expect(sql).toContain("CREATE FOREIGN DATA WRAPPER w OPTIONS (debug 'true')");
    expect(sql).toContain("CREATE SERVER s TYPE 'pg' VERSION '1.0' FOREIGN DATA WRAPPER w OPTIONS (host 'a', port '5432')");
    expect(sql).toContain("CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (\"user\" 'guest')");
    expect(sql).toContain(`CREATE USER MAPPING FOR ${role} SERVER s`);
    expect(sql).toContain(
      "CREATE FOREIGN TABLE app.remote (id integer NOT NULL, name text DEFAULT 'x'::text) SERVER s OPTIONS (table_name 'r')",
    );
    expect(sql).toContain(`GRANT USAGE ON FOREIGN SERVER s TO ${role}`);
    expect(at("CREATE FOREIGN DATA WRAPPER w")).toBeLessThan(at("CREATE SERVER s"));
    expect(at("CREATE SERVER s")).toBeLessThan(at("CREATE USER MAPPING FOR PUBLIC"));
    expect(at("CREATE SERVER s")).toBeLessThan(at("CREATE FOREIGN TABLE"));
  });

  it("drops them in reverse order without CASCADE", async () => {
    const sql = await text(
      `CREATE SCHEMA app; ${server} CREATE USER MAPPING FOR PUBLIC SERVER s; CREATE FOREIGN TABLE app.remote (id integer) SERVER s;`,
      "CREATE SCHEMA app;",
    );
    const at = (s: string) => sql.indexOf(s);
    expect(at("DROP USER MAPPING FOR PUBLIC SERVER s")).toBeGreaterThanOrEqual(0);
    expect(at("DROP USER MAPPING FOR PUBLIC SERVER s")).toBeLessThan(at("DROP SERVER s"));
    expect(at("DROP FOREIGN TABLE app.remote")).toBeLessThan(at("DROP SERVER s"));
    expect(at("DROP SERVER s")).toBeLessThan(at("DROP FOREIGN DATA WRAPPER w"));
    expect(sql).not.toContain("CASCADE");
  });

  it("alters options, versions and handlers in place", async () => {
    const sql = await text(
      `${server} CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'a', password 'p');`,
      `CREATE FOREIGN DATA WRAPPER w VALIDATOR postgresql_fdw_validator;
       CREATE SERVER s TYPE 'pg' VERSION '2.0' FOREIGN DATA WRAPPER w OPTIONS (host 'b', dbname 'd');
       CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'b');`,
    );
    expect(sql.split(";\n")).toEqual([
      "ALTER FOREIGN DATA WRAPPER w VALIDATOR postgresql_fdw_validator OPTIONS (DROP debug)",
      "ALTER SERVER s VERSION '2.0' OPTIONS (DROP port, SET host 'b', ADD dbname 'd')",
      "ALTER USER MAPPING FOR PUBLIC SERVER s OPTIONS (DROP password, SET \"user\" 'b')",
    ]);
  });

  it("re-creates a server whose type changed, with what depends on it", async () => {
    const sql = await text(
      `CREATE SCHEMA app; ${server} CREATE USER MAPPING FOR PUBLIC SERVER s; CREATE FOREIGN TABLE app.ft (a integer) SERVER s;`,
      `CREATE SCHEMA app; ${wrapper} CREATE SERVER s TYPE 'other' FOREIGN DATA WRAPPER w;
       CREATE USER MAPPING FOR PUBLIC SERVER s; CREATE FOREIGN TABLE app.ft (a integer) SERVER s;`,
    );
    const at = (s: string) => sql.indexOf(s);
    expect(at("DROP USER MAPPING FOR PUBLIC SERVER s")).toBeLessThan(at("DROP SERVER s"));
    expect(at("DROP FOREIGN TABLE app.ft")).toBeLessThan(at("DROP SERVER s"));
    expect(at("CREATE SERVER s TYPE 'other' FOREIGN DATA WRAPPER w")).toBeLessThan(at("CREATE USER MAPPING FOR PUBLIC SERVER s"));
    expect(at("CREATE SERVER s TYPE 'other'")).toBeLessThan(at("CREATE FOREIGN TABLE app.ft (a integer) SERVER s"));
  });

  it("changes a foreign table's columns and options with ALTER FOREIGN TABLE", async () => {
    const base = `CREATE SCHEMA app; ${server}`;
    const sql = await text(
      `${base} CREATE FOREIGN TABLE app.ft (a integer, b text, c text) SERVER s OPTIONS (table_name 'x');`,
      `${base} CREATE FOREIGN TABLE app.ft (a bigint NOT NULL, c text DEFAULT 'z', d date) SERVER s OPTIONS (table_name 'y', schema_name 'r');`,
    );
    expect(sql.split(";\n")).toEqual([
      "ALTER FOREIGN TABLE app.ft DROP COLUMN b",
      "ALTER FOREIGN TABLE app.ft ALTER COLUMN a TYPE bigint",
      "ALTER FOREIGN TABLE app.ft ALTER COLUMN a SET NOT NULL",
      "ALTER FOREIGN TABLE app.ft ALTER COLUMN c SET DEFAULT 'z'::text",
      "ALTER FOREIGN TABLE app.ft ADD COLUMN d date",
      "ALTER FOREIGN TABLE app.ft OPTIONS (SET table_name 'y', ADD schema_name 'r')",
    ]);
  });

  it("sets a foreign table's column statistics, storage and options with ALTER, and re-creates it for a new compression", async () => {
    const base = `CREATE SCHEMA app; ${server}`;
    const table = (extra: string, compression = "") =>
      `${base} CREATE FOREIGN TABLE app.ft (a text${compression}, b integer) SERVER s; ${extra}`;
    const settings =
      "ALTER FOREIGN TABLE app.ft ALTER COLUMN a SET STATISTICS 300, ALTER COLUMN a SET STORAGE MAIN, ALTER COLUMN b SET (n_distinct = -0.5);";
    expect((await text(table(""), table(settings))).split(";\n")).toEqual([
      "ALTER FOREIGN TABLE app.ft ALTER COLUMN a SET STATISTICS 300",
      "ALTER FOREIGN TABLE app.ft ALTER COLUMN a SET STORAGE MAIN",
      "ALTER FOREIGN TABLE app.ft ALTER COLUMN b SET (n_distinct=-0.5)",
    ]);
    // PostgreSQL refuses ALTER COLUMN ... SET COMPRESSION on a foreign table; it holds no rows to lose.
    const sql = await text(table(""), table("", " COMPRESSION pglz"));
    expect(sql).toContain("DROP FOREIGN TABLE app.ft");
    expect(sql).toContain("CREATE FOREIGN TABLE app.ft (a text COMPRESSION pglz, b integer) SERVER s");
  });

  it("grants and revokes usage on wrappers and servers", async () => {
    // A revoked grant leaves an explicit ACL (the owner's grant), unlike a server never granted on: the target has one too.
    const { sql } = await roundTrip(
      `${server} GRANT USAGE ON FOREIGN SERVER s TO ${role};`,
      `${server} GRANT USAGE ON FOREIGN DATA WRAPPER w TO ${role}; GRANT USAGE ON FOREIGN SERVER s TO ${role}; REVOKE USAGE ON FOREIGN SERVER s FROM ${role};`,
    );
    expect(sql.sort()).toEqual([`GRANT USAGE ON FOREIGN DATA WRAPPER w TO ${role}`, `REVOKE USAGE ON FOREIGN SERVER s FROM ${role}`]);
  });

  it("grants and revokes privileges on a foreign table's columns, new and kept", async () => {
    const table = (grants: string) => `CREATE SCHEMA app; ${server} CREATE FOREIGN TABLE app.ft (a integer, b text) SERVER s; ${grants}`;
    const { sql } = await roundTrip(
      table(`GRANT SELECT (a) ON app.ft TO ${role};`),
      `${table(`GRANT UPDATE (b) ON app.ft TO ${role};`)} ALTER FOREIGN TABLE app.ft ADD COLUMN c date; GRANT SELECT (c) ON app.ft TO ${role};`,
    );
    expect([...sql].sort()).toEqual(
      [
        "ALTER FOREIGN TABLE app.ft ADD COLUMN c date",
        `GRANT SELECT (c) ON TABLE app.ft TO ${role}`,
        `REVOKE SELECT (a) ON TABLE app.ft FROM ${role}`,
        `GRANT UPDATE (b) ON TABLE app.ft TO ${role}`,
      ].sort(),
    );
    // A grant on a new column comes after the column.
    expect(sql.indexOf("ALTER FOREIGN TABLE app.ft ADD COLUMN c date")).toBeLessThan(
      sql.indexOf(`GRANT SELECT (c) ON TABLE app.ft TO ${role}`),
    );
  });

  it("changes a server's owner", async () => {
    const { statements } = await roundTrip(
      `${server} GRANT USAGE ON FOREIGN DATA WRAPPER w TO ${role};`,
      `${server} GRANT USAGE ON FOREIGN DATA WRAPPER w TO ${role}; ALTER SERVER s OWNER TO ${role}; GRANT USAGE ON FOREIGN SERVER s TO ${role};`,
    );
    expect(statements.filter((s) => s.kind === "owner").map((s) => s.sql)).toEqual([`ALTER SERVER s OWNER TO ${role}`]);
  });

  it("creates a server on an extension's wrapper after CREATE EXTENSION, never the wrapper itself", async () => {
    const objects = `CREATE EXTENSION file_fdw; CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
      CREATE FOREIGN TABLE app.lines (line text) SERVER files OPTIONS (filename '/dev/null');`;
    const created = await text("CREATE SCHEMA app;", `CREATE SCHEMA app; ${objects}`);
    expect(created).not.toContain("CREATE FOREIGN DATA WRAPPER");
    expect(created.indexOf("CREATE EXTENSION")).toBeLessThan(created.indexOf("CREATE SERVER files FOREIGN DATA WRAPPER file_fdw"));
    const dropped = await text(`CREATE SCHEMA app; ${objects}`, "CREATE SCHEMA app;");
    expect(dropped).not.toContain("DROP FOREIGN DATA WRAPPER");
    expect(dropped.indexOf("DROP SERVER files")).toBeLessThan(dropped.indexOf("DROP EXTENSION"));
  });

  it("renames a server with a hint; its user mappings and tables go with it", async () => {
    const body = (name: string, user: string) => `CREATE SCHEMA app; ${wrapper}
      CREATE SERVER ${name} FOREIGN DATA WRAPPER w; CREATE USER MAPPING FOR PUBLIC SERVER ${name} OPTIONS (user '${user}');
      CREATE FOREIGN TABLE app.ft (a integer) SERVER ${name};`;
    const { sql } = await roundTrip(body("s", "a"), body("s2", "b"), { diff: { renames: [parseRenameHint("server:s=s2")] } });
    expect(sql).toEqual(["ALTER SERVER s RENAME TO s2", "ALTER USER MAPPING FOR PUBLIC SERVER s2 OPTIONS (SET \"user\" 'b')"]);
  });
});
