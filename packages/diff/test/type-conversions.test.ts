import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { diffSchemas } from "@pgvc/diff";
import { conversion, listedConversions, parseType, type Conversion } from "../src/kinds/type-conversions.js";

// The table itself is checked against PostgreSQL in type-conversions.pg.test.ts;
// here: that every pair it lists reaches the ALTER's hazards, and the cases the
// hazards were wrong for before (each checked by hand against the documentation).

const hazardsOf: Record<Conversion, string[]> = {
  binary: [],
  widening: ["rewrite", "lock"],
  "may-fail": ["rewrite", "lock"],
  lossy: ["data-loss", "rewrite", "lock"],
};

function alterHazards(from: string, to: string): string[] {
  const table = (type: string): Database => ({ schemas: { app: { tables: { t: { columns: [{ name: "v", type }] } } } } });
  const alter = diffSchemas(table(from), table(to)).find((s) => s.sql.includes("ALTER COLUMN v TYPE"));
  return alter?.hazards ?? [];
}

describe("type conversions", () => {
  it.each(listedConversions())("%s to %s is %s, and the ALTER says so", (from, to, kind) => {
    expect(conversion(from, to)).toBe(kind);
    expect(alterHazards(from, to)).toEqual(hazardsOf[kind]);
  });

  it.each([
    ["numeric", "real"],
    ["numeric", "double precision"],
    ["bigint", "double precision"],
    ["bigint", "real"],
    ["integer", "real"],
    ["timestamp without time zone", "timestamp(0) without time zone"],
    ["timestamp with time zone", "timestamp(0) without time zone"],
    ["timestamp with time zone", "timestamp(0) with time zone"],
    ["time without time zone", "time(0) without time zone"],
    ["interval", "interval(0)"],
    ["interval", "interval day"],
    ["character varying(20)", "character varying(10)"],
    ["text", "character varying(10)"],
    ["numeric(10,2)", "numeric(10,1)"],
    ["numeric(10,2)", "numeric(12,1)"],
    ["numeric", "numeric(10,2)"],
    ["numeric(10,2)", "integer"],
    ["timestamp without time zone", "date"],
    ["json", "jsonb"],
    ["integer", "character varying(5)"],
  ])("%s to %s loses data", (from, to) => {
    expect(alterHazards(from, to)).toEqual(hazardsOf.lossy);
  });

  it.each([
    ["character varying(10)", "character varying(20)", "binary"],
    ["character varying(10)", "text", "binary"],
    ["character varying(10)", "character varying", "binary"],
    ["numeric(10,2)", "numeric(12,2)", "binary"],
    ["numeric(10,2)", "numeric", "binary"],
    ["numeric(10,2)", "numeric(12,4)", "widening"],
    ["numeric(10,2)", "numeric(8,2)", "may-fail"],
    ["integer", "numeric(12,2)", "widening"],
    ["integer", "numeric(5,0)", "may-fail"],
    ["numeric(4,0)", "smallint", "widening"],
    ["numeric(10,0)", "integer", "may-fail"],
    ["timestamp(3) without time zone", "timestamp(6) without time zone", "binary"],
    ["timestamp(0) with time zone", "timestamp with time zone", "binary"],
    ["timestamp without time zone", "timestamp(6) without time zone", "binary"],
    ["timestamp(0) without time zone", "timestamp(3) with time zone", "lossy"],
    ["interval(3)", "interval(6)", "widening"],
    ["integer", "character(11)", "widening"],
    ["date", "character(40)", "lossy"],
    ["integer", "bigint", "widening"],
    ["bigint", "integer", "may-fail"],
    ["character(10)", "character(5)", "may-fail"],
    ["text", "integer", "may-fail"],
    ["integer", "character varying(11)", "widening"],
  ] as const)("%s to %s is %s", (from, to, kind) => {
    expect(conversion(from, to)).toBe(kind);
  });

  it("a new collation alone keeps the values and the file, but rebuilds the column's indexes under the lock", () => {
    const table = (collation?: string): Database => ({
      schemas: { app: { tables: { t: { columns: [{ name: "v", type: "text", ...(collation ? { collation } : {}) }] } } } },
    });
    const alter = diffSchemas(table(), table('"C"')).find((s) => s.sql.includes("ALTER COLUMN v TYPE"));
    expect(alter?.hazards).toEqual(["lock"]);
  });

  it("reads the spellings of a type as the same type", () => {
    expect(parseType("int4")).toEqual(parseType("integer"));
    expect(parseType("varchar(10)")).toEqual(parseType("character varying(10)"));
    expect(parseType("timestamptz(3)")).toEqual(parseType("timestamp(3) with time zone"));
    expect(parseType("pg_catalog.float8")).toEqual(parseType("double precision"));
    expect(parseType("decimal(10,2)")).toEqual({ base: "numeric", mods: [10, 2] });
    expect(parseType("character")).toEqual({ base: "char", mods: [1] });
    expect(parseType("interval day to second(0)")).toEqual({ base: "interval", mods: [0], fields: "day to second" });
  });

  it.each([
    ["app.mood", "text"],
    ["text", "app.mood"],
    ["app.positive", "integer"],
    ["integer[]", "bigint[]"],
    ['"char"', "text"],
    ["uuid", "integer"],
  ])("an unknown pair (%s to %s) is taken to lose data", (from, to) => {
    expect(conversion(from, to)).toBe("lossy");
    expect(alterHazards(from, to)).toEqual(hazardsOf.lossy);
  });
});
