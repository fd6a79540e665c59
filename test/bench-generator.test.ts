import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRandom, generateMutation, generateSchema } from "../bench/generate.mjs";

const generator = fileURLToPath(new URL("../bench/generate.mjs", import.meta.url));

function count(sql: string, pattern: RegExp): number {
  return sql.match(pattern)?.length ?? 0;
}

describe("the benchmark schema generator", () => {
  it("gives the same SQL for the same size and seed", () => {
    expect(generateSchema(300, 7).sql).toBe(generateSchema(300, 7).sql);
  });

  it("gives different SQL for another seed", () => {
    expect(generateSchema(300, 7).sql).not.toBe(generateSchema(300, 8).sql);
  });

  it("draws from a seeded generator, never Math.random", () => {
    expect(readFileSync(generator, "utf8")).not.toMatch(/Math\.random/);
    const a = createRandom(42);
    const b = createRandom(42);
    const drawn = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn);
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("writes the counts its rules promise (N = 1000)", () => {
    const { sql, roles, tables } = generateSchema(1000, 1);
    // floor(1000/100) + 2 = 12 schemas; views 100, materialized views 20, functions 100, triggers 50.
    expect(count(sql, /^CREATE SCHEMA /gm)).toBe(12);
    expect(count(sql, /^CREATE TABLE /gm)).toBe(1000);
    expect(tables).toHaveLength(1000);
    expect(count(sql, /^CREATE VIEW /gm)).toBe(100);
    expect(count(sql, /^CREATE MATERIALIZED VIEW /gm)).toBe(20);
    expect(count(sql, /^CREATE FUNCTION \w+\.calc_/gm)).toBe(100);
    expect(count(sql, /^CREATE TRIGGER /gm)).toBe(50);
    expect(roles).toEqual(["bench_reader", "bench_writer"]);
    expect(sql.split("\n", 1)[0]).toBe("-- roles: bench_reader, bench_writer");
  });

  it("changes one table in twenty in the mutation", () => {
    const { tables } = generateSchema(200, 1);
    const mutation = generateMutation(tables, 0.05);
    // tables 0, 20, ..., 180: 10 tables, three statements each
    expect(mutation).toHaveLength(30);
    expect(mutation[0]).toBe(`ALTER TABLE ${tables[0]!.qualified} ADD COLUMN added_0 text DEFAULT 'new';`);
  });

  it("prints the same SQL from the command line (seed 1 by default)", () => {
    const run = spawnSync(process.execPath, [generator, "40"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(generateSchema(40, 1).sql);
    const bad = spawnSync(process.execPath, [generator, "zero"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage");
  });
});
