import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, execute, type TestDatabase } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { writeSchemaYaml } from "@pgvc/yaml";
import { introspectUrl } from "./helpers.js";

// The same schema built in two databases by statements in different orders
// (and so with different OIDs and catalog row orders) must give the same YAML.
const statements = [
  "CREATE SCHEMA app",
  "CREATE TYPE app.mood AS ENUM ('sad', 'ok')",
  "CREATE TABLE app.zeta (id serial PRIMARY KEY, m app.mood)",
  "CREATE TABLE app.alpha (id int PRIMARY KEY, z int REFERENCES app.zeta, note text)",
  "CREATE INDEX alpha_note ON app.alpha (note)",
  "CREATE INDEX alpha_lower ON app.alpha (lower(note))",
  "CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql RETURN a",
  "CREATE FUNCTION app.f(a text) RETURNS text LANGUAGE sql RETURN a",
  "CREATE VIEW app.v AS SELECT a.id, z.m FROM app.alpha a JOIN app.zeta z ON z.id = a.z",
  "ALTER TABLE app.alpha ADD CONSTRAINT alpha_b CHECK (id > 0), ADD CONSTRAINT alpha_a CHECK (id < 1000)",
  "CREATE SCHEMA other",
  "CREATE TABLE other.t (x int)",
  "COMMENT ON TABLE app.alpha IS 'first'",
];
const reordered = [0, 10, 11, 1, 2, 6, 3, 7, 5, 4, 8, 12, 9].map((i) => statements[i] as string);

const first = useTestDatabase();
let second: TestDatabase;

beforeAll(async () => {
  second = await createTestDatabase();
  await execute(first.url, statements.join(";\n"));
  await execute(second.url, reordered.join(";\n"));
});

afterAll(async () => {
  await second?.drop();
});

describe("determinism", () => {
  it("gives byte-identical YAML on two runs", async () => {
    const one = writeSchemaYaml(await introspectUrl(first.url));
    const two = writeSchemaYaml(await introspectUrl(first.url));
    expect(two).toBe(one);
  });

  it("gives the same YAML whatever order the schema was built in", async () => {
    const one = writeSchemaYaml(await introspectUrl(first.url, { noOwner: true }));
    const two = writeSchemaYaml(await introspectUrl(second.url, { noOwner: true }));
    expect(two).toBe(one);
    expect(one).toContain("table alpha:");
  });

  it("gives the same model over two connections sharing a snapshot as over one", async () => {
    const { connect, resolveConnection, quoteLiteral } = await import("@pgvc/core");
    const { introspect } = await import("@pgvc/introspect");
    const [a, b] = await Promise.all([1, 2].map(() => connect(resolveConnection({ dbname: first.url }, {}))));
    try {
      await a!.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const { rows } = await a!.query<{ id: string }>("SELECT pg_catalog.pg_export_snapshot() AS id");
      await b!.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await b!.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(rows[0]!.id)}`);
      const two = await introspect([a!, b!]);
      const one = await introspect(a!);
      expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    } finally {
      await a?.close();
      await b?.close();
    }
  });

  it("gives the same model and dependencies whatever the order", async () => {
    const one = await introspectUrl(first.url, { noOwner: true });
    const two = await introspectUrl(second.url, { noOwner: true });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});
