import { beforeAll, describe, expect, it } from "vitest";
import { ensureRole, execute, testServerUrl } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { introspectUrl } from "./helpers.js";

// A wrapper without handler needs no extension. Expected values follow
// CREATE FOREIGN DATA WRAPPER / SERVER / USER MAPPING / FOREIGN TABLE:
// options are kept as `key=value`, PUBLIC is the mapping for every role.
const db = useTestDatabase();
const role = "pgvc_fdw_intro_user";

beforeAll(async () => {
  await ensureRole(testServerUrl(), role);
});

describe("foreign data", () => {
  it("nests servers and user mappings under their wrapper, and reads foreign tables", async () => {
    await execute(
      db.url,
      `
      CREATE FOREIGN DATA WRAPPER w VALIDATOR postgresql_fdw_validator;
      CREATE FOREIGN DATA WRAPPER plain OPTIONS (debug 'true');
      CREATE SERVER s TYPE 'pg' VERSION '1.0' FOREIGN DATA WRAPPER w OPTIONS (host 'a', port '5432');
      CREATE SERVER bare FOREIGN DATA WRAPPER w;
      CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'guest');
      CREATE USER MAPPING FOR ${role} SERVER s;
      GRANT USAGE ON FOREIGN SERVER s TO ${role};
      COMMENT ON FOREIGN DATA WRAPPER w IS 'wrapper';
      COMMENT ON SERVER s IS 'server';
      CREATE SCHEMA app;
      CREATE SERVER p FOREIGN DATA WRAPPER plain;
      CREATE FOREIGN TABLE app.remote (id integer NOT NULL, name text) SERVER p OPTIONS (table_name 'r');`,
    );
    const model = await introspectUrl(db.url, { noOwner: true });
    expect(model.foreignDataWrappers).toEqual({
      plain: { options: ["debug=true"], servers: { p: {} } },
      w: {
        validator: "postgresql_fdw_validator",
        description: "wrapper",
        servers: {
          bare: {},
          s: {
            type: "pg",
            version: "1.0",
            options: ["host=a", "port=5432"],
            description: "server",
            // USAGE is every privilege a server has: written `all`, as for any object type.
            privileges: [{ [role]: ["all"] }, { postgres: ["all"] }],
            user_mappings: { PUBLIC: { options: ["user=guest"] }, [role]: {} },
          },
        },
      },
    });
    expect(model.schemas.app?.foreignTables).toEqual({
      remote: {
        server: "p",
        options: ["table_name=r"],
        columns: [
          { name: "id", type: "integer", not_null: true },
          { name: "name", type: "text" },
        ],
      },
    });
  });

  it("nests a server on an extension's wrapper under an entry with no attributes", async () => {
    await execute(db.url, "CREATE EXTENSION file_fdw; CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;");
    const model = await introspectUrl(db.url, { noOwner: true });
    expect(model.foreignDataWrappers?.file_fdw).toEqual({ servers: { files: {} } });
    expect(model.extensions?.file_fdw).toBeDefined();
  });
});
