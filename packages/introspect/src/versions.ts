/**
 * Every difference between the server versions pgvc reads (PostgreSQL 14 to
 * 18), in one table keyed by `server_version_num`. A row lists only what
 * changed in that release; `catalogDialect` folds the rows up to the
 * server's version. Kinds read these SQL fragments and flags instead of
 * testing versions themselves.
 */
export interface CatalogDialect {
  readonly serverVersionNum: number;
  /** Over `pg_index i`: UNIQUE NULLS NOT DISTINCT (PostgreSQL 15). */
  readonly indexNullsNotDistinct: string;
  /** Over `pg_attribute a`: the statistics target, NULL when at its default (-1 before 17, NULL from 17). */
  readonly attributeStatisticsTarget: string;
  /** Over `pg_statistic_ext x`: the statistics target, NULL when at its default. */
  readonly statisticsObjectTarget: string;
  /** Over `pg_attribute a`: the `attgenerated` codes that mean a generated column ('s' stored; 'v' virtual from 18). */
  readonly generatedColumnCodes: string;
  /** Relation ACL letters that make `all` (MAINTAIN, `m`, from 17). */
  readonly relationAllPrivileges: string;
  /**
   * pg_constraint types read as table constraints. From 18 NOT NULL is also
   * a constraint (`contype 'n'`); pgvc keeps it as the column's `not_null`,
   * never as a check constraint, on every version.
   */
  readonly tableConstraintTypes: readonly string[];
  /**
   * Over `pg_collation co`: an ICU (or, from 17, builtin) collation's locale.
   * PostgreSQL 14 keeps it in `collcollate`; 15 and 16 in `colliculocale`;
   * 17 renamed that to `colllocale`.
   */
  readonly collationLocale: string;
  /** Over `pg_publication_rel pr`: the column list (15), NULL for all columns. */
  readonly publicationColumns: string;
  /** Over `pg_publication_rel pr`: the row filter (15). */
  readonly publicationRowFilter: string;
  /** Over `pg_publication p`: the schemas of FOR TABLES IN SCHEMA (15). */
  readonly publicationSchemas: string;
  /** Over `pg_constraint con`: a key WITHOUT OVERLAPS, a foreign key with PERIOD (18). */
  readonly constraintPeriod: string;
}

type Changes = Partial<Omit<CatalogDialect, "serverVersionNum">>;

const baseline: Omit<CatalogDialect, "serverVersionNum"> = {
  indexNullsNotDistinct: "false",
  constraintPeriod: "false",
  attributeStatisticsTarget: "NULLIF(a.attstattarget, -1)",
  statisticsObjectTarget: "NULLIF(x.stxstattarget, -1)",
  generatedColumnCodes: "s",
  relationAllPrivileges: "arwdDxt",
  tableConstraintTypes: ["p", "u", "f", "c", "x"],
  collationLocale: "co.collcollate",
  publicationColumns: "NULL",
  publicationRowFilter: "NULL",
  publicationSchemas: "NULL",
};

/** What each release changed in the catalog, as far as pgvc reads it. */
export const versionTable: readonly { since: number; what: string; changes: Changes }[] = [
  { since: 140000, what: "the oldest supported release: multiranges, pg_get_function_sqlbody, SQL-standard bodies", changes: {} },
  {
    since: 150000,
    what: "UNIQUE NULLS NOT DISTINCT; ICU collation locales in colliculocale; publications' column lists, row filters and schemas",
    changes: {
      indexNullsNotDistinct: "i.indnullsnotdistinct",
      collationLocale: "co.colliculocale",
      publicationColumns: `(SELECT pg_catalog.array_agg(a.attname::text ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
                             WHERE a.attrelid = pr.prrelid AND a.attnum = ANY(pr.prattrs))`,
      publicationRowFilter: "pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)",
      publicationSchemas: `(SELECT pg_catalog.array_agg(n.nspname::text ORDER BY n.nspname) FROM pg_catalog.pg_publication_namespace pn
                             JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid)`,
    },
  },
  { since: 160000, what: "nothing pgvc reads changed", changes: {} },
  {
    since: 170000,
    what: "statistics targets NULL by default; the MAINTAIN privilege; colliculocale renamed colllocale",
    changes: {
      attributeStatisticsTarget: "a.attstattarget::int4",
      statisticsObjectTarget: "x.stxstattarget::int4",
      relationAllPrivileges: "arwdDxtm",
      collationLocale: "co.colllocale",
    },
  },
  {
    since: 180000,
    what: "virtual generated columns; NOT NULL as pg_constraint rows (contype 'n', not read); WITHOUT OVERLAPS and PERIOD",
    changes: { generatedColumnCodes: "sv", constraintPeriod: "con.conperiod" },
  },
];

export const oldestSupported = 140000;

export function catalogDialect(serverVersionNum: number): CatalogDialect {
  let dialect: CatalogDialect = { serverVersionNum, ...baseline };
  for (const row of versionTable) {
    if (serverVersionNum >= row.since) dialect = { ...dialect, ...row.changes };
  }
  return dialect;
}
