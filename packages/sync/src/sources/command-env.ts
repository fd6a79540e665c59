export interface CommandTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** libpq's sslmode for the target, when it needs one (a scratch server reached over the network). */
  sslmode?: string;
}

/** DATABASE_URL for the target; a host that is a socket folder goes in `?host=`. */
export function databaseUrl(t: CommandTarget): string {
  const auth = `${encodeURIComponent(t.user)}:${encodeURIComponent(t.password)}`;
  const db = encodeURIComponent(t.database);
  const ssl = t.sslmode ? `sslmode=${encodeURIComponent(t.sslmode)}` : "";
  if (t.host.startsWith("/")) return `postgresql://${auth}@:${t.port}/${db}?host=${encodeURIComponent(t.host)}${ssl ? `&${ssl}` : ""}`;
  const host = t.host.includes(":") ? `[${t.host}]` : t.host;
  return `postgresql://${auth}@${host}:${t.port}/${db}${ssl ? `?${ssl}` : ""}`;
}

/**
 * The command's environment: the caller's, without any libpq variable (PG*:
 * PGSERVICE, PGSSLMODE, PGOPTIONS and the rest would point it elsewhere or
 * change its session), plus the target's PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE and DATABASE_URL.
 */
export function commandEnvironment(target: CommandTarget, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!/^PG/i.test(key)) env[key] = value;
  Object.assign(env, {
    PGHOST: target.host,
    PGPORT: String(target.port),
    PGUSER: target.user,
    PGPASSWORD: target.password,
    PGDATABASE: target.database,
    DATABASE_URL: databaseUrl(target),
  });
  if (target.sslmode) env.PGSSLMODE = target.sslmode;
  return env;
}
