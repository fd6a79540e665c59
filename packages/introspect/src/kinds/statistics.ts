import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  stxrelid: number;
  stxname: string;
  kinds: string[];
  columns: string[];
  expressions: string[] | null;
  target: number | null;
  owner: string;
  description: string | null;
}

const kindNames: Record<string, string> = { d: "ndistinct", f: "dependencies", m: "mcv" };

/**
 * Extended statistics (CREATE STATISTICS), under their table's
 * `statistics`. `kinds` is left out when all kinds were built (the default
 * of CREATE STATISTICS without a kind list).
 */
export const statistics = defineKind<Row>({
  name: "statistics",
  scope: "relation",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT x.stxrelid, x.stxname, x.stxkind::text[] AS kinds,
             ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(x.stxkeys::int2[]) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = x.stxrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
             pg_catalog.pg_get_statisticsobjdef_expressions(x.oid) AS expressions,
             ${ctx.dialect.statisticsObjectTarget} AS target,
             pg_catalog.pg_get_userbyid(x.stxowner) AS owner, d.description
        FROM pg_catalog.pg_statistic_ext x
        JOIN pg_catalog.pg_class c ON c.oid = x.stxrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        ${descriptionJoin("d", "pg_statistic_ext", "x.oid")}
       WHERE ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "c", ctx, params)}
       ORDER BY x.stxrelid, x.stxname`;
    return { text, params: params.values };
  },
  apply(rows, _db, ctx) {
    for (const row of rows) {
      const owner = ctx.relation(row.stxrelid);
      if (!owner) continue;
      const object: Record<string, unknown> = {};
      const kinds = row.kinds.filter((k) => k !== "e").map((k) => kindNames[k] ?? k);
      if (kinds.length > 0 && kinds.length < 3) object.kinds = kinds;
      if (row.columns.length > 0) object.columns = row.columns;
      if (row.expressions && row.expressions.length > 0) object.expressions = row.expressions;
      setIf(object, "statistics_target", row.target);
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ((owner.object.statistics ??= {}) as Record<string, unknown>)[row.stxname] = object;
    }
  },
});
