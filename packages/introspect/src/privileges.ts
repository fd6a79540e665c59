import type { Privileges } from "@pgvc/model";
import type { CatalogDialect } from "./versions.js";

/**
 * aclitem text (`grantee=privs/grantor`, an empty grantee meaning PUBLIC,
 * `*` after a letter a grant option) to Pyrseas's privilege lists.
 */
export type AclObjectType = "relation" | "sequence" | "function" | "schema" | "type" | "language" | "column" | "foreign";

const letters: Record<string, string> = {
  r: "select",
  a: "insert",
  w: "update",
  d: "delete",
  D: "truncate",
  x: "references",
  t: "trigger",
  m: "maintain",
  X: "execute",
  U: "usage",
  C: "create",
  c: "connect",
  T: "temporary",
  s: "set",
  A: "alter system",
};

function allLetters(type: AclObjectType, dialect: CatalogDialect): string {
  switch (type) {
    case "relation":
      return dialect.relationAllPrivileges;
    case "sequence":
      return "rwU";
    case "function":
      return "X";
    case "schema":
      return "UC";
    case "type":
    case "language":
    case "foreign":
      return "U";
    case "column":
      return "arwx";
  }
}

const aclPattern = /^((?:"(?:[^"]|"")*"|[^=])*)=([A-Za-z*]*)\/(.*)$/;

function unquoteRole(text: string): string {
  return text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text;
}

type Item = string | Record<string, { grantable: boolean }>;

function items(codes: string, all: string): Item[] {
  const granted = new Map<string, boolean>();
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as string;
    const grantable = codes[i + 1] === "*";
    if (grantable) i++;
    granted.set(code, grantable);
  }
  const hasAll = [...all].every((c) => granted.has(c)) && granted.size === all.length;
  const uniform = new Set(granted.values()).size === 1;
  if (hasAll && uniform) {
    return granted.values().next().value ? [{ all: { grantable: true } }] : ["all"];
  }
  return [...granted].map(([code, grantable]) => {
    const name = letters[code] ?? code;
    return grantable ? { [name]: { grantable: true } } : name;
  });
}

/** PUBLIC's part of acldefault(): EXECUTE on routines, USAGE on types and languages. */
const publicDefaults: Partial<Record<AclObjectType, string>> = { function: "X", type: "U", language: "U" };

/**
 * The ACL is exactly what PostgreSQL gives a new object (`acldefault()`):
 * the owner holds every privilege, PUBLIC what `publicDefaults` says, and
 * nothing else. Such an ACL means what NULL means; pg_dump omits it, and
 * so does dbtoyaml.
 */
export function isDefaultAcl(acl: readonly string[], type: AclObjectType, dialect: CatalogDialect, owner: string): boolean {
  const expected = new Map<string, string>();
  if (type !== "column") expected.set(owner, allLetters(type, dialect));
  const pub = publicDefaults[type];
  if (pub !== undefined) expected.set("PUBLIC", pub);
  if (acl.length !== expected.size) return false;
  return acl.every((item) => {
    const match = aclPattern.exec(item);
    if (!match || unquoteRole(match[3] ?? "") !== owner) return false;
    const want = expected.get(match[1] ? unquoteRole(match[1]) : "PUBLIC");
    const codes = match[2] ?? "";
    return want !== undefined && codes.length === want.length && [...want].every((c) => codes.includes(c));
  });
}

export function parseAcl(acl: readonly string[], type: AclObjectType, dialect: CatalogDialect, owner: string): Privileges {
  const all = allLetters(type, dialect);
  const entries: { grantee: string; value: Privileges[number] }[] = [];
  for (const item of acl) {
    const match = aclPattern.exec(item);
    if (!match) continue;
    const grantee = match[1] ? unquoteRole(match[1]) : "PUBLIC";
    const grantor = unquoteRole(match[3] ?? "");
    const privs = items(match[2] ?? "", all);
    entries.push({ grantee, value: { [grantee]: grantor && grantor !== owner ? { grantor, privs } : privs } });
  }
  entries.sort((a, b) => (a.grantee < b.grantee ? -1 : a.grantee > b.grantee ? 1 : 0));
  return entries.map((e) => e.value);
}
