import { quoteIdent, quoteLiteral, type Session } from "@pgvc/core";
import type { Reporter } from "../reporter.js";

/**
 * A custom-format archive made without --create holds no database-level
 * properties: grants on the database, `ALTER DATABASE ... SET` settings, the
 * comment, the connection limit. The copy takes them from the database it
 * replaces, so the swap changes the contents and nothing around them.
 * Applied after pg_restore, as a setting such as default_transaction_read_only
 * would get in its way.
 */
export async function copyDatabaseProperties(session: Session, from: string, to: string, reporter: Reporter): Promise<string[]> {
  const { rows } = await session.query<{ comment: string | null; connlimit: number; owner: string; hasacl: boolean }>(
    `SELECT pg_catalog.shobj_description(d.oid, 'pg_database') AS comment, d.datconnlimit AS connlimit,
            pg_catalog.pg_get_userbyid(d.datdba) AS owner, d.datacl IS NOT NULL AS hasacl
       FROM pg_catalog.pg_database d WHERE d.datname = $1 ORDER BY d.oid`,
    [from],
  );
  const source = rows[0];
  const target = quoteIdent(to);
  if (!source) return [];
  const copied: string[] = [];
  if (source.comment !== null) {
    await session.query(`COMMENT ON DATABASE ${target} IS ${quoteLiteral(source.comment)}`);
    copied.push("comment");
  }
  if (source.connlimit !== -1) {
    await session.query(`ALTER DATABASE ${target} CONNECTION LIMIT ${Number(source.connlimit)}`);
    copied.push("connection limit");
  }
  if (source.hasacl) {
    await copyGrants(session, from, to);
    copied.push("grants");
  }
  if (await copySettings(session, from, target, reporter)) copied.push("settings");
  return copied;
}

/** An explicit ACL replaces the defaults (owner: all; PUBLIC: CONNECT, TEMPORARY), so start from none. */
async function copyGrants(session: Session, from: string, to: string): Promise<void> {
  const target = quoteIdent(to);
  const { rows } = await session.query<{ grantee: string | null; privilege: string; grantable: boolean }>(
    `SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(a.grantee) END AS grantee,
            a.privilege_type AS privilege, a.is_grantable AS grantable
       FROM pg_catalog.pg_database d, pg_catalog.aclexplode(d.datacl) a
      WHERE d.datname = $1
      ORDER BY 1 NULLS FIRST, 2`,
    [from],
  );
  const { rows: owners } = await session.query<{ owner: string }>(
    `SELECT pg_catalog.pg_get_userbyid(d.datdba) AS owner FROM pg_catalog.pg_database d WHERE d.datname = $1 ORDER BY 1`,
    [to],
  );
  await session.query(`REVOKE ALL ON DATABASE ${target} FROM PUBLIC`);
  if (owners[0]) await session.query(`REVOKE ALL ON DATABASE ${target} FROM ${quoteIdent(owners[0].owner)}`);
  for (const row of rows) {
    const grantee = row.grantee === null ? "PUBLIC" : quoteIdent(row.grantee);
    const option = row.grantable ? " WITH GRANT OPTION" : "";
    await session.query(`GRANT ${row.privilege} ON DATABASE ${target} TO ${grantee}${option}`);
  }
}

/**
 * `name=value` as stored in pg_db_role_setting is the text form a setting
 * takes from a configuration file; set_config reads it the same way, and
 * `SET ... FROM CURRENT` stores it back, so list values such as search_path
 * keep their meaning without re-quoting them here.
 */
async function copySettings(session: Session, from: string, target: string, reporter: Reporter): Promise<boolean> {
  const { rows } = await session.query<{ role: string | null; config: string }>(
    `SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(s.setrole) END AS role, c.config
       FROM pg_catalog.pg_db_role_setting s
       JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase,
            pg_catalog.unnest(s.setconfig) WITH ORDINALITY AS c(config, ord)
      WHERE d.datname = $1
      ORDER BY 1 NULLS FIRST, c.ord`,
    [from],
  );
  for (const { role, config } of rows) {
    const split = config.indexOf("=");
    const name = config.slice(0, split);
    const value = config.slice(split + 1);
    const setting = name.split(".").map(quoteIdent).join(".");
    const alter = role === null ? `ALTER DATABASE ${target}` : `ALTER ROLE ${quoteIdent(role)} IN DATABASE ${target}`;
    try {
      await session.query("SELECT pg_catalog.set_config($1, $2, false)", [name, value]);
      await session.query(`${alter} SET ${setting} FROM CURRENT`);
    } catch (error) {
      reporter.info(`could not carry the setting ${config} over: ${(error as Error).message}; set it by hand with ${alter} SET ...`);
    } finally {
      await session.query(`RESET ${setting}`).catch(() => undefined);
    }
  }
  return rows.length > 0;
}
