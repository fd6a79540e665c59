import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember } from "../sql.js";

interface Row {
  evtname: string;
  evtevent: string;
  procedure: string;
  evttags: string[] | null;
  evtenabled: string;
  owner: string;
  description: string | null;
}

const enabled: Record<string, string> = { O: "origin", D: "disabled", R: "replica", A: "always" };

/** `event trigger NAME`: event, function (`app.log_ddl()`), WHEN TAG IN list, enabled state. */
export const eventTriggers = defineKind<Row>({
  name: "event triggers",
  scope: "database",
  query() {
    const text = `
      SELECT et.evtname, et.evtevent, et.evtfoid::pg_catalog.regproc::text || '()' AS procedure, et.evttags, et.evtenabled,
             pg_catalog.pg_get_userbyid(et.evtowner) AS owner, d.description
        FROM pg_catalog.pg_event_trigger et
        ${descriptionJoin("d", "pg_event_trigger", "et.oid")}
       WHERE ${notExtensionMember("pg_event_trigger", "et.oid")}
       ORDER BY et.evtname`;
    return { text, params: [] };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = { event: row.evtevent, procedure: row.procedure };
      setIf(object, "tags", row.evttags);
      setIf(object, "enabled", enabled[row.evtenabled], "origin");
      ctx.owner(object, row.owner);
      setIf(object, "description", row.description);
      (db.eventTriggers ??= {})[row.evtname] = object as never;
    }
  },
});
