import type { Database, Language } from "@pgvc/model";
import type { AlterResult, Item, KindDiffer, SqlTarget } from "../differ.js";
import { ident, qname, splitQualified } from "../render.js";
import { statement } from "../statement.js";

/**
 * Procedural languages not installed by an extension: `language plsample`.
 * plpgsql is an extension of every database and is never listed (nor
 * created or dropped, should a file name it). A changed handler or trust
 * is CREATE OR REPLACE LANGUAGE.
 */
export const languageDiffer: KindDiffer<Language> = {
  kind: "language",

  items(db: Database): Item<Language>[] {
    const languages = db.languages ?? {};
    return Object.keys(languages)
      .filter((name) => name !== "plpgsql")
      .sort()
      .map((name) => ({ ref: `language ${name}`, kind: "language", name, value: languages[name] as Language }));
  },

  create(item) {
    return [statement("create", item.ref, renderCreateLanguage(item, false), "main")];
  },

  drop(item) {
    return [statement("drop", item.ref, `DROP LANGUAGE ${ident(item.name)}`, "drop")];
  },

  alter(from, to): AlterResult {
    const a = from.value;
    const b = to.value;
    const same =
      (a.trusted ?? false) === (b.trusted ?? false) && a.handler === b.handler && a.inline === b.inline && a.validator === b.validator;
    return same ? [] : [statement("alter", to.ref, renderCreateLanguage(to, true), "main")];
  },

  rename(from, to) {
    return [statement("rename", to.ref, `ALTER LANGUAGE ${ident(from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },

  target(item): SqlTarget {
    const name = `LANGUAGE ${ident(item.name)}`;
    return { comment: name, owner: name, grant: name, privilegeType: "language", publicDefaults: ["usage"] };
  },

  dependencies(item) {
    return supportFunctions(item.value);
  },
};

/** Handler, inline and validator are function names as regproc prints them (qualified when needed). */
export function renderCreateLanguage(item: Item<Language>, replace: boolean): string {
  const l = item.value;
  const parts = [`CREATE ${replace ? "OR REPLACE " : ""}${l.trusted ? "TRUSTED " : ""}LANGUAGE ${ident(item.name)}`];
  if (l.handler) parts.push(`HANDLER ${functionName(l.handler)}`);
  if (l.handler && l.inline) parts.push(`INLINE ${functionName(l.inline)}`);
  if (l.handler && l.validator) parts.push(`VALIDATOR ${functionName(l.validator)}`);
  return parts.join(" ");
}

function functionName(text: string): string {
  const { schema, name } = splitQualified(text);
  return qname(schema, name);
}

/** The support functions' references, with the argument types PostgreSQL requires of them. */
function supportFunctions(l: Language): string[] {
  const ref = (text: string | undefined, args: string) => {
    if (!text) return [];
    const { schema, name } = splitQualified(text, "public");
    return [`function ${schema}.${name}(${args})`];
  };
  return [...ref(l.handler, ""), ...ref(l.inline, "internal"), ...ref(l.validator, "oid")];
}
