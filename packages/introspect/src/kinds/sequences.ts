import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  oid: number;
  nspname: string;
  relname: string;
  owner: string;
  acl: string[] | null;
  description: string | null;
  data_type: string;
  seqstart: string;
  seqincrement: string;
  seqmin: string;
  seqmax: string;
  seqcache: string;
  seqcycle: boolean;
  owner_schema: string | null;
  owner_table: string | null;
  owner_column: string | null;
}

const typeRange: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/**
 * Sequences, with the table column that owns them (OWNED BY, serial, or an
 * identity column). With -t a sequence follows the table that owns it.
 */
export const sequences = defineKind<Row>({
  name: "sequences",
  scope: "relation",
  cost: 1.5,
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT c.oid, n.nspname, c.relname,
             pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl, d.description,
             pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
             s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle,
             own_n.nspname AS owner_schema, own_c.relname AS owner_table, own_a.attname AS owner_column
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
        LEFT JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.objid = c.oid
             AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.deptype IN ('a', 'i')
        LEFT JOIN pg_catalog.pg_class own_c ON own_c.oid = dep.refobjid
        LEFT JOIN pg_catalog.pg_namespace own_n ON own_n.oid = own_c.relnamespace
        LEFT JOIN pg_catalog.pg_attribute own_a ON own_a.attrelid = dep.refobjid AND own_a.attnum = dep.refobjsubid
        ${descriptionJoin("d", "pg_class", "c.oid")}
       WHERE c.relkind = 'S'
         AND ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "c", ctx, params, { nsp: "own_n", rel: "own_c" })}
         AND ${notExtensionMember("pg_class", "c.oid")}
       ORDER BY n.nspname, c.relname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      const increment = BigInt(row.seqincrement);
      const [typeMin, typeMax] = typeRange[row.data_type] ?? typeRange.bigint!;
      const ascending = increment > 0n;
      const defaultMin = ascending ? 1n : typeMin;
      const defaultMax = ascending ? typeMax : -1n;
      object.start_value = Number(row.seqstart);
      object.increment_by = Number(increment);
      object.min_value = BigInt(row.seqmin) === defaultMin ? null : Number(row.seqmin);
      object.max_value = BigInt(row.seqmax) === defaultMax ? null : Number(row.seqmax);
      object.cache_value = Number(row.seqcache);
      if (row.seqcycle) object.cycle = true;
      setIf(object, "data_type", row.data_type, "bigint");
      if (row.owner_table && row.owner_schema) {
        object.owner_table = ctx.nameFrom(row.nspname, row.owner_schema, row.owner_table);
        setIf(object, "owner_column", row.owner_column);
      }
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "sequence", row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "sequences", row.relname, object);
      ctx.registerRelation(row.oid, { schema: row.nspname, name: row.relname, kind: "sequence", owner: row.owner, object });
    }
  },
});
