import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams } from "../sql.js";

interface OperatorRow {
  nspname: string;
  oprname: string;
  leftarg: string;
  rightarg: string;
  procedure: string;
  commutator: string | null;
  negator: string | null;
  restrict: string | null;
  join: string | null;
  oprcanhash: boolean;
  oprcanmerge: boolean;
  owner: string;
  description: string | null;
}

/**
 * An operator's name as DDL clauses take it (SORTOP, COMMUTATOR): bare in
 * pg_catalog, `schema.op` elsewhere; NULL for oid 0.
 */
export const operatorName = (
  oid: string,
) => `(SELECT CASE WHEN opn.nspname = 'pg_catalog' THEN op.oprname ELSE opn.nspname || '.' || op.oprname END
          FROM pg_catalog.pg_operator op JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace WHERE op.oid = ${oid})`;

/** `OP(LEFT, RIGHT)`, `NONE` for the missing operand of a prefix operator. */
export function operatorKey(name: string, left: string, right: string): string {
  return `${name}(${left}, ${right})`;
}

/**
 * `operator OP(LEFT, RIGHT)`: procedure, commutator, negator, selectivity
 * estimators, HASHES, MERGES. Shell operators (made by a COMMUTATOR or
 * NEGATOR clause, with no procedure yet) are not listed: the operator that
 * names them makes them again.
 */
export const operators = defineKind<OperatorRow>({
  name: "operators",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, o.oprname,
             CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprleft, NULL) END AS leftarg,
             CASE WHEN o.oprright = 0 THEN 'NONE' ELSE pg_catalog.format_type(o.oprright, NULL) END AS rightarg,
             o.oprcode::pg_catalog.regproc::text AS procedure,
             ${operatorName("o.oprcom")} AS commutator,
             ${operatorName("o.oprnegate")} AS negator,
             CASE WHEN o.oprrest <> 0 THEN o.oprrest::pg_catalog.regproc::text END AS restrict,
             CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::pg_catalog.regproc::text END AS join,
             o.oprcanhash, o.oprcanmerge, pg_catalog.pg_get_userbyid(o.oprowner) AS owner, d.description
        FROM pg_catalog.pg_operator o
        JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
        ${descriptionJoin("d", "pg_operator", "o.oid")}
       WHERE o.oprcode <> 0
         AND ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_operator", "o.oid")}
       ORDER BY n.nspname, o.oprname, leftarg, rightarg`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { procedure: row.procedure };
      setIf(object, "commutator", row.commutator);
      setIf(object, "negator", row.negator);
      setIf(object, "restrict", row.restrict);
      setIf(object, "join", row.join);
      if (row.oprcanhash) object.hashes = true;
      if (row.oprcanmerge) object.merges = true;
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "operators", operatorKey(row.oprname, row.leftarg, row.rightarg), object);
    }
  },
});

interface FamilyRow {
  nspname: string;
  opfname: string;
  amname: string;
  owner: string;
  description: string | null;
}

/** `operator family NAME using AM`. */
export const operatorFamilies = defineKind<FamilyRow>({
  name: "operator families",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, f.opfname, am.amname, pg_catalog.pg_get_userbyid(f.opfowner) AS owner, d.description
        FROM pg_catalog.pg_opfamily f
        JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace
        JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
        ${descriptionJoin("d", "pg_opfamily", "f.oid")}
       WHERE ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_opfamily", "f.oid")}
       ORDER BY n.nspname, f.opfname, am.amname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "operatorFamilies", `${row.opfname} using ${row.amname}`, object);
    }
  },
});

interface ClassRow {
  nspname: string;
  opcname: string;
  amname: string;
  type: string;
  family: string;
  opcdefault: boolean;
  storage: string | null;
  operators: Record<string, string> | null;
  functions: Record<string, string> | null;
  owner: string;
  description: string | null;
}

/**
 * `operator class NAME using AM`: its type, family (left out when the
 * family has the class's own name and schema, as CREATE OPERATOR CLASS
 * makes it), DEFAULT, STORAGE, and the operators and support functions
 * the class brought into the family (one per strategy or support number,
 * those on the class's own type first).
 * Operators print as `op(left,right)` (regoperator), functions as
 * `f(args)` (regprocedure).
 */
export const operatorClasses = defineKind<ClassRow>({
  name: "operator classes",
  scope: "schema",
  query(ctx) {
    const params = new SqlParams();
    // A member belongs to the class when it depends on it, or on its family
    // when the family holds no other class (PostgreSQL ties members whose
    // types differ from the class's to the family).
    const belongs = (catalog: string, alias: string) => `EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend dep
       WHERE dep.classid = 'pg_catalog.${catalog}'::pg_catalog.regclass AND dep.objid = ${alias}.oid
         AND ((dep.refclassid = 'pg_catalog.pg_opclass'::pg_catalog.regclass AND dep.refobjid = c.oid)
           OR (dep.refclassid = 'pg_catalog.pg_opfamily'::pg_catalog.regclass AND dep.refobjid = c.opcfamily
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_opclass c2 WHERE c2.opcfamily = c.opcfamily AND c2.oid <> c.oid))))`;
    const ownTypesFirst = (alias: string, left: string, right: string) =>
      `(${alias}.${left} = c.opcintype AND ${alias}.${right} = c.opcintype) DESC, ${alias}.oid`;
    const text = `
      SELECT n.nspname, c.opcname, am.amname, pg_catalog.format_type(c.opcintype, NULL) AS type,
             CASE WHEN f.opfname = c.opcname AND f.opfnamespace = c.opcnamespace THEN NULL
                  WHEN fn.nspname = n.nspname THEN f.opfname ELSE fn.nspname || '.' || f.opfname END AS family,
             c.opcdefault,
             CASE WHEN c.opckeytype <> 0 THEN pg_catalog.format_type(c.opckeytype, NULL) END AS storage,
             (SELECT pg_catalog.json_object_agg(m.n::text, m.op ORDER BY m.n)
                FROM (SELECT DISTINCT ON (ao.amopstrategy) ao.amopstrategy AS n, ao.amopopr::pg_catalog.regoperator::text AS op
                        FROM pg_catalog.pg_amop ao
                       WHERE ao.amopfamily = c.opcfamily AND ao.amoppurpose = 's' AND ${belongs("pg_amop", "ao")}
                       ORDER BY ao.amopstrategy, ${ownTypesFirst("ao", "amoplefttype", "amoprighttype")}) m) AS operators,
             (SELECT pg_catalog.json_object_agg(m.n::text, m.fn ORDER BY m.n)
                FROM (SELECT DISTINCT ON (ap.amprocnum) ap.amprocnum AS n, ap.amproc::pg_catalog.regprocedure::text AS fn
                        FROM pg_catalog.pg_amproc ap
                       WHERE ap.amprocfamily = c.opcfamily AND ${belongs("pg_amproc", "ap")}
                       ORDER BY ap.amprocnum, ${ownTypesFirst("ap", "amproclefttype", "amprocrighttype")}) m) AS functions,
             pg_catalog.pg_get_userbyid(c.opcowner) AS owner, d.description
        FROM pg_catalog.pg_opclass c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace
        JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
        JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily
        JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace
        ${descriptionJoin("d", "pg_opclass", "c.oid")}
       WHERE ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember("pg_opclass", "c.oid")}
       ORDER BY n.nspname, c.opcname, am.amname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { type: row.type };
      setIf(object, "family", row.family);
      if (row.opcdefault) object.default = true;
      setIf(object, "storage", row.storage);
      setIf(object, "operators", row.operators);
      setIf(object, "functions", row.functions);
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "operatorClasses", `${row.opcname} using ${row.amname}`, object);
    }
  },
});
