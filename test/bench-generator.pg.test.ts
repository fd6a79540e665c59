import { beforeAll, expect, it } from "vitest";
import { ensureRole, execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { generateSchema } from "../bench/generate.mjs";

// N = 50 by the generator's rules: floor(50/100) + 2 = 2 schemas (sales, stock), each with
// 2 enums, 2 domains, 1 composite type, 2 standalone sequences and a trigger function;
// 50 tables (i % 3: 17 identity, 17 serial, 16 composite keys); floor(50/10) = 5 views,
// view 2 selecting from view 1; floor(50/50) = 1 materialized view with 1 index;
// floor(50/10) = 5 calc functions (calc_0 and calc_1 overloaded, calc_2 alone);
// floor(50/20) = 2 triggers, on tables 0 and 20.
const db = useTestDatabase("pgvc_bench_gen");

async function one(sql: string): Promise<Record<string, unknown>[]> {
  const [result] = await execute(db.url, sql);
  return result!.rows as Record<string, unknown>[];
}

async function countOf(sql: string): Promise<number> {
  const rows = await one(`SELECT count(*)::int AS n FROM (${sql}) AS counted`);
  return rows[0]!.n as number;
}

const userClasses = `pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('sales', 'stock')`;

beforeAll(async () => {
  const { sql, roles } = generateSchema(50, 1);
  for (const role of roles) await ensureRole(db.url, role);
  await execute(db.url, sql);
});

it("creates the schemas", async () => {
  const rows = await one(
    `SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public') ORDER BY 1`,
  );
  expect(rows.map((r) => r.nspname)).toEqual(["sales", "stock"]);
});

it("creates 50 tables, 5 views and 1 materialized view", async () => {
  const rows = await one(
    `SELECT c.relkind::text AS kind, count(*)::int AS n FROM ${userClasses} AND c.relkind IN ('r', 'v', 'm') GROUP BY 1 ORDER BY 1`,
  );
  expect(rows).toEqual([
    { kind: "m", n: 1 },
    { kind: "r", n: 50 },
    { kind: "v", n: 5 },
  ]);
});

it("makes a view on a view", async () => {
  const rows = await one(`SELECT DISTINCT v.relname AS viewname, r.relname AS uses
      FROM pg_catalog.pg_rewrite w
      JOIN pg_catalog.pg_class v ON v.oid = w.ev_class
      JOIN pg_catalog.pg_depend d ON d.objid = w.oid AND d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refobjid <> v.oid
      JOIN pg_catalog.pg_class r ON r.oid = d.refobjid
     WHERE r.relkind = 'v' AND v.relnamespace::regnamespace::text IN ('sales', 'stock') ORDER BY 1`);
  expect(rows).toEqual([{ viewname: "report_2", uses: "report_1" }]);
});

it("gives primary keys by identity, serial and composite keys", async () => {
  expect(await countOf(`SELECT 1 FROM pg_catalog.pg_attribute a, ${userClasses} AND a.attrelid = c.oid AND a.attidentity <> ''`)).toBe(17);
  expect(
    await countOf(
      `SELECT 1 FROM pg_catalog.pg_attribute a, ${userClasses} AND a.attrelid = c.oid AND c.relkind = 'r' AND pg_catalog.pg_get_expr((SELECT adbin FROM pg_catalog.pg_attrdef WHERE adrelid = c.oid AND adnum = a.attnum), c.oid) LIKE 'nextval(%_id_seq''::regclass)'`,
    ),
  ).toBe(17);
  expect(
    await countOf(
      `SELECT 1 FROM pg_catalog.pg_constraint k, ${userClasses} AND k.conrelid = c.oid AND k.contype = 'p' AND pg_catalog.array_length(k.conkey, 1) = 2`,
    ),
  ).toBe(16);
  expect(await countOf(`SELECT 1 FROM pg_catalog.pg_constraint k, ${userClasses} AND k.conrelid = c.oid AND k.contype = 'p'`)).toBe(50);
});

it("gives every table 1 to 3 indexes of its own, and the materialized view one", async () => {
  const rows = await one(`SELECT c.relkind::text AS kind,
           (SELECT count(*)::int FROM pg_catalog.pg_index x WHERE x.indrelid = c.oid
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))) AS n
      FROM ${userClasses} AND c.relkind IN ('r', 'm')`);
  expect(rows).toHaveLength(51);
  expect(rows.filter((row) => row.kind === "m")).toEqual([{ kind: "m", n: 1 }]);
  const perTable = rows.filter((row) => row.kind === "r").map((row) => row.n as number);
  expect(Math.min(...perTable)).toBeGreaterThanOrEqual(1);
  expect(Math.max(...perTable)).toBeLessThanOrEqual(3);
});

it("creates the routines, overloads included, and the triggers", async () => {
  const rows =
    await one(`SELECT p.proname, count(*)::int AS n FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname IN ('sales', 'stock') GROUP BY 1 ORDER BY 1`);
  expect(rows).toEqual([
    { proname: "calc_0", n: 2 },
    { proname: "calc_1", n: 2 },
    { proname: "calc_2", n: 1 },
    { proname: "touch", n: 2 },
  ]);
  const triggers = await one(
    `SELECT g.tgname FROM pg_catalog.pg_trigger g, ${userClasses} AND g.tgrelid = c.oid AND NOT g.tgisinternal ORDER BY 1`,
  );
  expect(triggers.map((t) => t.tgname)).toEqual(["customer_0_touch", "customer_20_touch"]);
});

it("creates the standalone sequences, enums, domains and composite types", async () => {
  const standalone = `SELECT 1 FROM ${userClasses} AND c.relkind = 'S'
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))`;
  expect(await countOf(standalone)).toBe(4);
  const types =
    await one(`SELECT t.typtype::text AS kind, count(*)::int AS n FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname IN ('sales', 'stock') AND t.typtype IN ('e', 'd')
        OR n.nspname IN ('sales', 'stock') AND t.typtype = 'c' AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c'
     GROUP BY 1 ORDER BY 1`);
  expect(types).toEqual([
    { kind: "c", n: 2 },
    { kind: "d", n: 4 },
    { kind: "e", n: 4 },
  ]);
});

it("grants SELECT on every table to the reader, and writes to the writer on odd tables", async () => {
  expect(
    await countOf(`SELECT 1 FROM ${userClasses} AND c.relkind = 'r' AND pg_catalog.has_table_privilege('bench_reader', c.oid, 'SELECT')`),
  ).toBe(50);
  expect(
    await countOf(`SELECT 1 FROM ${userClasses} AND c.relkind = 'r' AND pg_catalog.has_table_privilege('bench_writer', c.oid, 'INSERT')`),
  ).toBe(25);
});
