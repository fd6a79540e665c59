import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember, SqlParams } from "../sql.js";

interface Row {
  lanname: string;
  lanpltrusted: boolean;
  handler: string | null;
  inline: string | null;
  validator: string | null;
  owner: string;
  acl: string[] | null;
  description: string | null;
}

/** Procedural languages not installed by an extension (plpgsql is one). */
export const languages = defineKind<Row>({
  name: "languages",
  scope: "database",
  query() {
    const params = new SqlParams();
    const text = `
      SELECT l.lanname, l.lanpltrusted,
             NULLIF(l.lanplcallfoid::regproc::text, '-') AS handler,
             NULLIF(l.laninline::regproc::text, '-') AS inline,
             NULLIF(l.lanvalidator::regproc::text, '-') AS validator,
             pg_catalog.pg_get_userbyid(l.lanowner) AS owner, l.lanacl::text[] AS acl, d.description
        FROM pg_catalog.pg_language l
        ${descriptionJoin("d", "pg_language", "l.oid")}
       WHERE l.lanispl
         AND ${notExtensionMember("pg_language", "l.oid")}
       ORDER BY l.lanname`;
    return { text, params: params.values };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      if (row.lanpltrusted) object.trusted = true;
      setIf(object, "handler", row.handler);
      setIf(object, "inline", row.inline);
      setIf(object, "validator", row.validator);
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "language", row.owner);
      setIf(object, "description", row.description);
      (db.languages ??= {})[row.lanname] = object;
    }
  },
});
