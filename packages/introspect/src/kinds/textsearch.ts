import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, schemaCondition, SqlParams, type KindQuery, type QueryContext } from "../sql.js";

/**
 * How values name another text search object: bare in pg_catalog
 * (`english_stem`, `default`), `schema.name` elsewhere, never quoted (the
 * diff quotes each part).
 */
export const objectName = (nsp: string, name: string) =>
  `CASE WHEN ${nsp}.nspname = 'pg_catalog' THEN ${name} ELSE ${nsp}.nspname || '.' || ${name} END`;

const objectQuery =
  (catalog: string, alias: string, nameCol: string, nspCol: string, columns: string, joins = "") =>
  (ctx: QueryContext): KindQuery => {
    const params = new SqlParams();
    const text = `
      SELECT n.nspname, ${alias}.${nameCol} AS name, ${columns}, d.description
        FROM pg_catalog.${catalog} ${alias}
        JOIN pg_catalog.pg_namespace n ON n.oid = ${alias}.${nspCol}
        ${joins}
        ${descriptionJoin("d", catalog, `${alias}.oid`)}
       WHERE ${schemaCondition("n", ctx, params)}
         AND ${notExtensionMember(catalog, `${alias}.oid`)}
       ORDER BY n.nspname, ${alias}.${nameCol}`;
    return { text, params: params.values };
  };

interface ConfigurationRow {
  nspname: string;
  name: string;
  parser: string;
  mappings: Record<string, string[]> | null;
  owner: string;
  description: string | null;
}

/**
 * `text search configuration NAME`: its parser and, added over Pyrseas,
 * `mappings: {token_type: [dictionary, ...]}` (token types by the parser's
 * alias, dictionaries in the order they are consulted).
 */
export const configurations = defineKind<ConfigurationRow>({
  name: "text search configurations",
  scope: "schema",
  query(ctx) {
    return objectQuery(
      "pg_ts_config",
      "c",
      "cfgname",
      "cfgnamespace",
      `${objectName("pn", "p.prsname")} AS parser,
             (SELECT pg_catalog.json_object_agg(m.alias, m.dicts ORDER BY m.alias)
                FROM (SELECT tt.alias, pg_catalog.array_agg(${objectName("dn", "dict.dictname")} ORDER BY cm.mapseqno) AS dicts
                        FROM pg_catalog.pg_ts_config_map cm
                        JOIN pg_catalog.ts_token_type(c.cfgparser) tt ON tt.tokid = cm.maptokentype
                        JOIN pg_catalog.pg_ts_dict dict ON dict.oid = cm.mapdict
                        JOIN pg_catalog.pg_namespace dn ON dn.oid = dict.dictnamespace
                       WHERE cm.mapcfg = c.oid
                       GROUP BY tt.alias) m) AS mappings,
             pg_catalog.pg_get_userbyid(c.cfgowner) AS owner`,
      `JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser
        JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace`,
    )(ctx);
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { parser: row.parser };
      setIf(object, "mappings", row.mappings);
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "textSearchConfigurations", row.name, object);
    }
  },
});

interface DictionaryRow {
  nspname: string;
  name: string;
  template: string;
  dictinitoption: string | null;
  owner: string;
  description: string | null;
}

/** `text search dictionary NAME`: template and options as PostgreSQL keeps them (`stopwords = 'english'`). */
export const dictionaries = defineKind<DictionaryRow>({
  name: "text search dictionaries",
  scope: "schema",
  query(ctx) {
    return objectQuery(
      "pg_ts_dict",
      "t",
      "dictname",
      "dictnamespace",
      `${objectName("tn", "tm.tmplname")} AS template, t.dictinitoption, pg_catalog.pg_get_userbyid(t.dictowner) AS owner`,
      `JOIN pg_catalog.pg_ts_template tm ON tm.oid = t.dicttemplate
        JOIN pg_catalog.pg_namespace tn ON tn.oid = tm.tmplnamespace`,
    )(ctx);
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { template: row.template };
      setIf(object, "options", row.dictinitoption);
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "textSearchDictionaries", row.name, object);
    }
  },
});

interface ParserRow {
  nspname: string;
  name: string;
  start: string;
  gettoken: string;
  end: string;
  lextypes: string;
  headline: string | null;
  description: string | null;
}

/** `text search parser NAME`: its functions as regproc prints them. The built-in `default` parser is pg_catalog's and never read. */
export const parsers = defineKind<ParserRow>({
  name: "text search parsers",
  scope: "schema",
  query(ctx) {
    return objectQuery(
      "pg_ts_parser",
      "p",
      "prsname",
      "prsnamespace",
      `p.prsstart::pg_catalog.regproc::text AS start, p.prstoken::pg_catalog.regproc::text AS gettoken,
             p.prsend::pg_catalog.regproc::text AS "end", p.prslextype::pg_catalog.regproc::text AS lextypes,
             CASE WHEN p.prsheadline <> 0 THEN p.prsheadline::pg_catalog.regproc::text END AS headline`,
    )(ctx);
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { start: row.start, gettoken: row.gettoken, end: row.end, lextypes: row.lextypes };
      setIf(object, "headline", row.headline);
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "textSearchParsers", row.name, object);
    }
  },
});

interface TemplateRow {
  nspname: string;
  name: string;
  init: string | null;
  lexize: string;
  description: string | null;
}

/** `text search template NAME`: INIT (optional) and LEXIZE functions. */
export const templates = defineKind<TemplateRow>({
  name: "text search templates",
  scope: "schema",
  query(ctx) {
    return objectQuery(
      "pg_ts_template",
      "t",
      "tmplname",
      "tmplnamespace",
      `CASE WHEN t.tmplinit <> 0 THEN t.tmplinit::pg_catalog.regproc::text END AS init, t.tmpllexize::pg_catalog.regproc::text AS lexize`,
    )(ctx);
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      setIf(object, "init", row.init);
      object.lexize = row.lexize;
      setIf(object, "description", row.description);
      ctx.add(db, row.nspname, "textSearchTemplates", row.name, object);
    }
  },
});
