import { createFromTemplate, ensureRole, execute, testServerUrl, type TestDatabase } from "@pgvc/testkit";
import type { Case } from "./index.js";

// One line per user object and attribute that a schema change can touch, from
// the catalogs directly (no pgvc code), so that two databases built from
// different SQL can be told apart. System schemas are left out.
const userNamespaces = `
  SELECT oid, nspname FROM pg_catalog.pg_namespace
   WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
     AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

// An ACL as a sorted list, NULL read as the built-in default it stands for (acldefault()),
// as pg_dump reads it: an ACL set explicitly to exactly the defaults is the same ACL.
const acl = (column: string, type: string, owner: string) =>
  `(SELECT pg_catalog.string_agg(x::text, ',' ORDER BY x::text) FROM pg_catalog.unnest(coalesce(${column}, pg_catalog.acldefault((${type})::"char", ${owner}))) x)`;

// A partition's copy of its parent's index or constraint is named by PostgreSQL
// (or keeps the name of the partition's own index that ATTACH took for it):
// schema.yaml has no place for that name, so a copy is named by what it copies.
const relationName = (c: string) =>
  `CASE WHEN ${c}.relkind IN ('i', 'I') AND ${c}.relispartition
        THEN '(copy of ' || (SELECT i.inhparent::regclass::text FROM pg_catalog.pg_inherits i WHERE i.inhrelid = ${c}.oid)
             || ' on ' || (SELECT x.indrelid::regclass::text FROM pg_catalog.pg_index x WHERE x.indexrelid = ${c}.oid) || ')'
        ELSE ${c}.relname END`;

const fingerprintQuery = `
WITH ns AS (${userNamespaces})
SELECT line FROM (
  SELECT 'schema ' || ns.nspname || ' acl=' || coalesce(${acl("n.nspacl", "'n'", "n.nspowner")}, '') || ' comment=' || coalesce(pg_catalog.obj_description(n.oid, 'pg_namespace'), '') AS line
    FROM ns JOIN pg_catalog.pg_namespace n ON n.oid = ns.oid
  UNION ALL
  SELECT 'class ' || ns.nspname || '.' || ${relationName("c")} || ' kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text
         || ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity || ' populated=' || c.relispopulated
         || ' acl=' || coalesce(${acl("c.relacl", "CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END", "c.relowner")}, '') || ' options=' || coalesce(c.reloptions::text, '')
         || ' bound=' || coalesce(pg_catalog.pg_get_expr(c.relpartbound, c.oid), '')
         || ' partkey=' || CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END
         || ' def=' || CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid)
                            WHEN c.relkind = 'i' AND c.relispartition THEN pg_catalog.regexp_replace(pg_catalog.pg_get_indexdef(c.oid), '^(CREATE (UNIQUE )?INDEX )\\S+ ON ', '\\1ON ')
                            WHEN c.relkind = 'i' THEN pg_catalog.pg_get_indexdef(c.oid) ELSE '' END
         || ' inherits=' || coalesce((SELECT pg_catalog.string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno) FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid), '')
         || ' sequence=' || coalesce((SELECT pg_catalog.concat_ws('/', q.seqtypid::regtype, q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle) FROM pg_catalog.pg_sequence q WHERE q.seqrelid = c.oid), '')
         || ' comment=' || coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), '')
    FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
  SELECT 'column ' || ns.nspname || '.' || ${relationName("c")} || '.' || a.attname || ' type=' || pg_catalog.format_type(a.atttypid, a.atttypmod)
         || ' notnull=' || a.attnotnull || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
         || ' default=' || coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') || ' acl=' || coalesce(a.attacl::text, '')
         || ' collation=' || coalesce(a.attcollation::regcollation::text, '')
         || ' local=' || a.attislocal || ' inherited=' || a.attinhcount || ' statistics=' || coalesce(a.attstattarget::int, -1)
         || ' storage=' || a.attstorage::text || ' compression=' || a.attcompression::text || ' options=' || coalesce(a.attoptions::text, '')
         || ' comment=' || coalesce(pg_catalog.col_description(c.oid, a.attnum), '')
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'constraint ' || ns.nspname || '.' || coalesce(c.relname, t.typname) || '.'
         || CASE WHEN k.conparentid <> 0 THEN '(copy of ' || (SELECT p.conname FROM pg_catalog.pg_constraint p WHERE p.oid = k.conparentid) || ')' ELSE k.conname END || ' ' || pg_catalog.pg_get_constraintdef(k.oid)
         || ' validated=' || k.convalidated || ' deferrable=' || k.condeferrable || '/' || k.condeferred
         || ' comment=' || coalesce(pg_catalog.obj_description(k.oid, 'pg_constraint'), '')
    FROM pg_catalog.pg_constraint k JOIN ns ON ns.oid = k.connamespace
    LEFT JOIN pg_catalog.pg_class c ON c.oid = k.conrelid LEFT JOIN pg_catalog.pg_type t ON t.oid = k.contypid
  UNION ALL
  SELECT 'type ' || ns.nspname || '.' || t.typname || ' kind=' || t.typtype::text || ' notnull=' || t.typnotnull
         || ' default=' || coalesce(t.typdefault, '') || ' base=' || pg_catalog.format_type(t.typbasetype, t.typtypmod)
         || ' labels=' || coalesce((SELECT pg_catalog.string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '')
         || ' acl=' || coalesce(${acl("t.typacl", "'T'", "t.typowner")}, '') || ' comment=' || coalesce(pg_catalog.obj_description(t.oid, 'pg_type'), '')
    FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
  UNION ALL
  SELECT 'routine ' || ns.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ') kind=' || p.prokind::text
         || ' returns=' || coalesce(pg_catalog.pg_get_function_result(p.oid), '') || ' volatile=' || p.provolatile::text
         || ' strict=' || p.proisstrict || ' definer=' || p.prosecdef || ' cost=' || p.procost
         || ' config=' || coalesce(p.proconfig::text, '') || ' acl=' || coalesce(${acl("p.proacl", "'f'", "p.proowner")}, '') || ' src=' || p.prosrc
         || ' comment=' || coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '')
    FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
  UNION ALL
  SELECT 'trigger ' || ns.nspname || '.' || c.relname || '.' || g.tgname || ' ' || pg_catalog.pg_get_triggerdef(g.oid)
         || ' comment=' || coalesce(pg_catalog.obj_description(g.oid, 'pg_trigger'), '')
    FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid JOIN ns ON ns.oid = c.relnamespace
   WHERE NOT g.tgisinternal
  UNION ALL
  SELECT 'policy ' || ns.nspname || '.' || c.relname || '.' || p.polname || ' cmd=' || p.polcmd::text || ' permissive=' || p.polpermissive
         || ' roles=' || p.polroles::regrole[]::text || ' using=' || coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '')
         || ' check=' || coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '')
         || ' comment=' || coalesce(pg_catalog.obj_description(p.oid, 'pg_policy'), '')
    FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid JOIN ns ON ns.oid = c.relnamespace
  UNION ALL
  SELECT 'statistics ' || ns.nspname || '.' || s.stxname || ' ' || pg_catalog.pg_get_statisticsobjdef(s.oid)
         || ' target=' || coalesce(s.stxstattarget::int, -1)
         || ' comment=' || coalesce(pg_catalog.obj_description(s.oid, 'pg_statistic_ext'), '')
    FROM pg_catalog.pg_statistic_ext s JOIN ns ON ns.oid = s.stxnamespace
  UNION ALL
  SELECT 'ts config ' || ns.nspname || '.' || f.cfgname || ' parser=' || (SELECT r.prsname FROM pg_catalog.pg_ts_parser r WHERE r.oid = f.cfgparser)
         || ' maps=' || coalesce((SELECT pg_catalog.string_agg(m.maptokentype || ':' || m.mapseqno || ':' || m.mapdict::regdictionary::text, ',' ORDER BY m.maptokentype, m.mapseqno)
                                    FROM pg_catalog.pg_ts_config_map m WHERE m.mapcfg = f.oid), '')
         || ' comment=' || coalesce(pg_catalog.obj_description(f.oid, 'pg_ts_config'), '')
    FROM pg_catalog.pg_ts_config f JOIN ns ON ns.oid = f.cfgnamespace
  UNION ALL
  SELECT 'extension ' || e.extname || ' schema=' || e.extnamespace::regnamespace::text FROM pg_catalog.pg_extension e
  UNION ALL
  -- Rows as JSON, whose columns differ between versions; a table's row filter and column
  -- list (15 on) are node trees and attribute numbers, which differ with column order.
  SELECT 'publication ' || p.pubname || ' ' || (pg_catalog.to_jsonb(p) - 'oid' - 'pubowner')::text
         || ' owner=' || p.pubowner::regrole::text || ' comment=' || coalesce(pg_catalog.obj_description(p.oid, 'pg_publication'), '')
    FROM pg_catalog.pg_publication p
  UNION ALL
  SELECT 'publication table ' || p.pubname || ' ' || r.prrelid::regclass::text || ' ' || (pg_catalog.to_jsonb(r) - 'oid' - 'prpubid' - 'prrelid' - 'prqual' - 'prattrs')::text
    FROM pg_catalog.pg_publication_rel r JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid
) lines
ORDER BY line COLLATE "C"`;

/** One sorted line per user object and attribute of the database at `url`. */
export async function catalogFingerprint(url: string): Promise<string[]> {
  const [result] = await execute(url, fingerprintQuery);
  return result!.rows.map((row: { line: string }) => row.line);
}

/** The major version of the server at `url`. */
export async function serverMajor(url: string): Promise<number> {
  const [result] = await execute(url, "SELECT pg_catalog.current_setting('server_version_num')::int / 10000 AS major");
  return (result!.rows[0] as { major: number }).major;
}

/** Create the case's roles (cluster-wide, idempotent) and run one side's SQL on `url`. */
export async function applyCaseSql(url: string, kase: Case, side: "before" | "after"): Promise<void> {
  for (const role of kase.roles) await ensureRole(url, role);
  await execute(url, kase[side]);
}

/**
 * A fresh database on the test server holding one side of a case; drop it
 * after use. Each side is built once per server and copied after that.
 */
export async function buildCaseDatabase(kase: Case, side: "before" | "after", serverUrl = testServerUrl()): Promise<TestDatabase> {
  const key = JSON.stringify(["case", kase.name, side, kase.roles, kase[side]]);
  try {
    return await createFromTemplate(key, (url) => applyCaseSql(url, kase, side), `pgvc_case_${side}`, serverUrl);
  } catch (error) {
    throw new Error(`test/cases/${kase.name}/${side}.sql failed: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Column settings, default privileges, comments and the attributes of the
 * rarer kinds, which the fingerprint above leaves out: the well-formedness
 * test adds them when it checks that a case's two
 * sides differ (a case about them differs only there).
 */
const settingsQuery = `
SELECT line FROM (
  SELECT 'column setting ' || n.nspname || '.' || c.relname || '.' || a.attname || ' options=' || coalesce(a.attoptions::text, '')
         || ' storage=' || a.attstorage::text || ' compression=' || a.attcompression::text || ' stattarget=' || coalesce(a.attstattarget::text, '') AS line
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attnum > 0 AND NOT a.attisdropped AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
  UNION ALL
  SELECT 'default acl ' || d.defaclrole::regrole::text || ' in=' || (CASE WHEN d.defaclnamespace = 0 THEN '' ELSE d.defaclnamespace::regnamespace::text END)
         || ' on=' || d.defaclobjtype::text || ' acl=' || coalesce(d.defaclacl::text, '') FROM pg_catalog.pg_default_acl d
  UNION ALL
  -- The rarer kinds (objects made by users have oids from 16384 on), and every comment.
  SELECT 'comment ' || pg_catalog.pg_describe_object(d.classoid, d.objoid, d.objsubid) || '=' || d.description FROM pg_catalog.pg_description d WHERE d.objoid >= 16384
  UNION ALL
  SELECT 'operator ' || o.oid::regoperator::text || ' code=' || o.oprcode::text || ' rest=' || o.oprrest::text || ' join=' || o.oprjoin::text FROM pg_catalog.pg_operator o WHERE o.oid >= 16384
  UNION ALL
  SELECT 'aggregate ' || a.aggfnoid::regprocedure::text || ' trans=' || a.aggtransfn::text || ' init=' || coalesce(a.agginitval, '') FROM pg_catalog.pg_aggregate a WHERE a.aggfnoid >= 16384
  UNION ALL
  SELECT 'cast ' || pg_catalog.format_type(c.castsource, NULL) || ' as ' || pg_catalog.format_type(c.casttarget, NULL) || ' context=' || c.castcontext::text || ' method=' || c.castmethod::text
    FROM pg_catalog.pg_cast c WHERE c.oid >= 16384
  UNION ALL
  SELECT 'event trigger ' || e.evtname || ' on=' || e.evtevent || ' enabled=' || e.evtenabled::text || ' tags=' || coalesce(e.evttags::text, '') FROM pg_catalog.pg_event_trigger e
  UNION ALL
  SELECT 'language ' || l.lanname || ' trusted=' || l.lanpltrusted || ' handler=' || l.lanplcallfoid::regproc::text FROM pg_catalog.pg_language l WHERE l.oid >= 16384
  UNION ALL
  SELECT 'ts dictionary ' || t.dictname || ' options=' || coalesce(t.dictinitoption, '') FROM pg_catalog.pg_ts_dict t WHERE t.oid >= 16384
  UNION ALL
  SELECT 'fdw ' || w.fdwname || ' options=' || coalesce(w.fdwoptions::text, '') FROM pg_catalog.pg_foreign_data_wrapper w
  UNION ALL
  SELECT 'server ' || s.srvname || ' options=' || coalesce(s.srvoptions::text, '') FROM pg_catalog.pg_foreign_server s
  UNION ALL
  SELECT 'user mapping ' || m.usename || ' ' || m.srvname || ' options=' || coalesce(m.umoptions::text, '') FROM pg_catalog.pg_user_mappings m
  UNION ALL
  SELECT 'foreign table ' || f.ftrelid::regclass::text || ' options=' || coalesce(f.ftoptions::text, '') FROM pg_catalog.pg_foreign_table f
) lines
ORDER BY line COLLATE "C"`;

export async function settingsFingerprint(url: string): Promise<string[]> {
  const [result] = await execute(url, settingsQuery);
  return result!.rows.map((row: { line: string }) => row.line);
}
