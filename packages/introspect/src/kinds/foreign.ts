import type { ForeignDataWrapper } from "@pgvc/model";
import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, notExtensionMember } from "../sql.js";

/*
 * Foreign data wrappers, their servers and the servers' user mappings, nested
 * in the model as in the YAML: `foreign data wrapper W` > `server S` >
 * `user mappings: {ROLE or PUBLIC: {options}}`. Foreign tables are
 * relations (kinds/relations.ts). Options are lists of `key=value`.
 */

interface WrapperRow {
  fdwname: string;
  handler: string | null;
  validator: string | null;
  fdwoptions: string[] | null;
  owner: string;
  acl: string[] | null;
  description: string | null;
}

export const foreignDataWrappers = defineKind<WrapperRow>({
  name: "foreign data wrappers",
  scope: "database",
  query() {
    const text = `
      SELECT w.fdwname,
             CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::pg_catalog.regproc::text END AS handler,
             CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::pg_catalog.regproc::text END AS validator,
             w.fdwoptions, pg_catalog.pg_get_userbyid(w.fdwowner) AS owner, w.fdwacl::text[] AS acl, d.description
        FROM pg_catalog.pg_foreign_data_wrapper w
        ${descriptionJoin("d", "pg_foreign_data_wrapper", "w.oid")}
       WHERE ${notExtensionMember("pg_foreign_data_wrapper", "w.oid")}
       ORDER BY w.fdwname`;
    return { text, params: [] };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      setIf(object, "handler", row.handler);
      setIf(object, "validator", row.validator);
      setIf(object, "options", row.fdwoptions);
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "foreign", row.owner);
      setIf(object, "description", row.description);
      (db.foreignDataWrappers ??= {})[row.fdwname] = object;
    }
  },
});

interface ServerRow {
  fdwname: string;
  srvname: string;
  srvtype: string | null;
  srvversion: string | null;
  srvoptions: string[] | null;
  owner: string;
  acl: string[] | null;
  description: string | null;
}

/** Servers go under their wrapper (read before them); a server of an extension's wrapper is still the user's. */
export const foreignServers = defineKind<ServerRow>({
  name: "foreign servers",
  scope: "database",
  query() {
    const text = `
      SELECT w.fdwname, s.srvname, s.srvtype, s.srvversion, s.srvoptions,
             pg_catalog.pg_get_userbyid(s.srvowner) AS owner, s.srvacl::text[] AS acl, d.description
        FROM pg_catalog.pg_foreign_server s
        JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
        ${descriptionJoin("d", "pg_foreign_server", "s.oid")}
       WHERE ${notExtensionMember("pg_foreign_server", "s.oid")}
       ORDER BY w.fdwname, s.srvname`;
    return { text, params: [] };
  },
  apply(rows, db, ctx) {
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      setIf(object, "type", row.srvtype);
      setIf(object, "version", row.srvversion);
      setIf(object, "options", row.srvoptions);
      ctx.owner(object, row.owner);
      ctx.privileges(object, row.acl, "foreign", row.owner);
      setIf(object, "description", row.description);
      const wrappers = (db.foreignDataWrappers ??= {});
      const wrapper: ForeignDataWrapper = (wrappers[row.fdwname] ??= {});
      (wrapper.servers ??= {})[row.srvname] = object;
    }
  },
});

interface MappingRow {
  fdwname: string;
  srvname: string;
  usename: string;
  umoptions: string[] | null;
}

/** User mappings from the pg_user_mappings view, which shows options only to whom may see them. */
export const userMappings = defineKind<MappingRow>({
  name: "user mappings",
  scope: "database",
  query() {
    const text = `
      SELECT w.fdwname, um.srvname, CASE WHEN um.umuser = 0 THEN 'PUBLIC' ELSE um.usename END AS usename, um.umoptions
        FROM pg_catalog.pg_user_mappings um
        JOIN pg_catalog.pg_foreign_server s ON s.oid = um.srvid
        JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
       WHERE ${notExtensionMember("pg_foreign_server", "s.oid")}
       ORDER BY w.fdwname, um.srvname, um.usename`;
    return { text, params: [] };
  },
  apply(rows, db) {
    for (const row of rows) {
      const server = db.foreignDataWrappers?.[row.fdwname]?.servers?.[row.srvname];
      if (!server) continue;
      const mapping: Record<string, unknown> = {};
      setIf(mapping, "options", row.umoptions);
      (server.user_mappings ??= {})[row.usename] = mapping;
    }
  },
});
