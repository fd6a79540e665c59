// A routine whose arguments or result name a table's row type, a composite
// type or a domain without a schema (dbtoyaml writes the name bare when the
// type is visible on the search_path, as Pyrseas's pagila has
// `rewards_report() RETURNS SETOF customer`) is created after that type:
// PostgreSQL resolves the type at CREATE FUNCTION, body checks or not.
import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas } from "@pgvc/diff";

function model(returns: string, args = ""): Database {
  return {
    schemas: {
      public: {
        tables: { customer: { columns: [{ name: "id", type: "integer" }] } },
        domains: { positive: { type: "integer" } },
        functions: { [`rewards_report(${args})`]: { language: "plpgsql", returns, source: "BEGIN RETURN; END" } },
      },
    },
  };
}

const position = (sql: string[], start: string) => sql.findIndex((s) => s.startsWith(start));

describe("a routine naming a type without its schema", () => {
  it.each([
    ["SETOF customer", "", "CREATE TABLE public.customer"],
    ["customer", "", "CREATE TABLE public.customer"],
    ["integer", "c customer", "CREATE TABLE public.customer"],
    ["SETOF integer", "p positive", "CREATE DOMAIN public.positive"],
  ])("returning %s from (%s) comes after %s", (returns, args, made) => {
    const sql = diffSchemas({ schemas: { public: {} } }, model(returns, args)).map((s) => s.sql);
    expect(position(sql, made)).toBeGreaterThanOrEqual(0);
    expect(position(sql, "CREATE FUNCTION public.rewards_report")).toBeGreaterThan(position(sql, made));
  });
});

describe("the types of a routine's arguments and result", () => {
  it("are hard needs of its CREATE, qualified or not, so that no cycle elsewhere gives them up", () => {
    const statements = diffSchemas({ schemas: { public: {} } }, model("SETOF public.customer", "p positive"));
    const create = statements.find((s) => s.sql.startsWith("CREATE FUNCTION public.rewards_report"));
    expect(create?.requires).toEqual(expect.arrayContaining(["table public.customer", "domain public.positive"]));
  });
});
