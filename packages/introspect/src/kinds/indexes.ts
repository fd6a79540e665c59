import { defineKind, partitionCopiesOf, setIf } from "../framework.js";
import { includedAttnums, indexKey, indexKeysSubquery, type IndexKeyRow } from "../index-keys.js";
import { descriptionJoin, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  indrelid: number;
  index_schema: string;
  index_name: string;
  keys: IndexKeyRow[] | null;
  indkey: number[];
  indnkeyatts: number;
  indisunique: boolean;
  nulls_not_distinct: boolean;
  amname: string;
  predicate: string | null;
  tablespace: string | null;
  indisclustered: boolean;
  reloptions: string[] | null;
  description: string | null;
  /** A partition's copy of its parent's index (`relispartition`). */
  copy: boolean;
}

/**
 * Indexes of tables and materialized views, except those that back a
 * constraint (the constraint lists them). The per-partition copies of an
 * index on a partitioned table are not the partition's (the parent lists
 * the index): they go to `partitionCopies`.
 */
export const indexes = defineKind<Row>({
  name: "indexes",
  scope: "relation",
  cost: 3,
  query(ctx) {
    const params = new SqlParams();
    const tables = `c.relkind IN ('r', 'p', 'm') AND ${schemaCondition("n", ctx, params)} AND ${relationCondition("n", "c", ctx, params)}`;
    const text = `
      SELECT i.indrelid, n.nspname AS index_schema, ic.relname AS index_name,
             ik.keys, i.indkey::int2[] AS indkey, i.indnkeyatts,
             i.indisunique, ${ctx.dialect.indexNullsNotDistinct} AS nulls_not_distinct,
             am.amname, pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
             ts.spcname AS tablespace, i.indisclustered, ic.reloptions, d.description,
             ic.relispartition AS copy
        FROM pg_catalog.pg_index i
        JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_am am ON am.oid = ic.relam
        LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = ic.reltablespace
        LEFT JOIN ${indexKeysSubquery(tables)} ik ON ik.indexrelid = i.indexrelid
        ${descriptionJoin("d", "pg_class", "ic.oid")}
       WHERE ${tables}
         AND i.indexrelid NOT IN (SELECT con.conindid FROM pg_catalog.pg_constraint con WHERE con.contype IN ('p', 'u', 'x'))
       ORDER BY i.indrelid, ic.relname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const owner = ctx.relation(row.indrelid);
      if (!owner) continue;
      const index: Record<string, unknown> = { keys: (row.keys ?? []).map(indexKey) };
      const include = ctx.columnNamesOf(row.indrelid, includedAttnums(row.indkey, row.indnkeyatts));
      if (include.length > 0) index.include = include;
      if (row.indisunique) index.unique = true;
      if (row.nulls_not_distinct) index.nulls_not_distinct = true;
      setIf(index, "access_method", row.amname, "btree");
      setIf(index, "predicate", row.predicate);
      setIf(index, "tablespace", row.tablespace);
      if (row.indisclustered) index.cluster = true;
      setIf(index, "options", row.reloptions);
      setIf(index, "description", row.description);
      const holder = row.copy ? partitionCopiesOf(db, owner) : owner.object;
      ((holder.indexes ??= {}) as Record<string, unknown>)[row.index_name] = index;
    }
  },
});
