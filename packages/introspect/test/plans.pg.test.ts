import { connect, resolveConnection } from "@pgvc/core";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { describe, expect, it } from "vitest";
import { resolveFilter } from "../src/filter.js";
import { allKinds } from "../src/kinds/index.js";
import { catalogDialect } from "../src/versions.js";
import { serverVersionNum } from "./helpers.js";

/**
 * Comments and column defaults are looked up by index, one probe per row,
 * in every catalog query. Joined the ordinary way, the planner picks the
 * join from the catalogs' statistics; in a database whose catalogs were
 * just filled and not yet analyzed it expects a handful of comments and
 * scans pg_description once per index row: 10 s for the index query
 * alone at 10,000 tables. So no plan may read these catalogs whole.
 */
interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) out.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

const db = useTestDatabase();

describe("catalog query plans", () => {
  it("never scan pg_description or pg_attrdef whole, analyzed or not", async () => {
    await execute(
      db.url,
      // Enough rows that reading a catalog per outer row is never the cheap plan.
      `DO $$ BEGIN FOR i IN 1..300 LOOP
         EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY DEFAULT 1, b text DEFAULT %L)', i, 'x');
         EXECUTE format('CREATE INDEX t%s_b ON t%s (b)', i, i);
         EXECUTE format('COMMENT ON TABLE t%s IS %L', i, 'a table');
         EXECUTE format('COMMENT ON COLUMN t%s.b IS %L', i, 'a column');
         EXECUTE format('COMMENT ON INDEX t%s_b IS %L', i, 'an index');
       END LOOP; END $$`,
    );
    const version = await serverVersionNum(db.url);
    const ctx = { dialect: catalogDialect(version), filter: resolveFilter({}) };
    const session = await connect(resolveConnection({ dbname: db.url }, {}));
    try {
      for (const analyzed of [false, true]) {
        if (analyzed) await session.query("ANALYZE pg_catalog.pg_description; ANALYZE pg_catalog.pg_attrdef; ANALYZE pg_catalog.pg_class");
        for (const kind of allKinds) {
          const query = kind.query(ctx);
          const { rows } = await session.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${query.text}`, query.params);
          const plan = rows[0]?.["QUERY PLAN"][0].Plan as PlanNode;
          const whole = seqScans(plan).filter((name) => name === "pg_description" || name === "pg_attrdef");
          expect({ kind: kind.name, analyzed, whole }).toEqual({ kind: kind.name, analyzed, whole: [] });
        }
      }
    } finally {
      await session.close();
    }
  });
});
