import type { Database, TextSearchConfiguration, TextSearchDictionary, TextSearchParser, TextSearchTemplate } from "@pgvc/model";
import type { AlterResult, DiffScope, Item, KindDiffer, SqlTarget } from "../differ.js";
import { deepEqual, sameAttributes } from "../compare.js";
import { ident, qname } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { schemaObjects } from "./common.js";
import { catalogName, sameCatalogName, withoutCatalogPrefix } from "./objectnames.js";

/**
 * The four text search kinds. Parsers and templates (functions only) and a
 * configuration's parser or a dictionary's template cannot be altered: a
 * change drops and creates. A dictionary's options change with ALTER TEXT
 * SEARCH DICTIONARY; a configuration's mappings with ADD / ALTER / DROP
 * MAPPING FOR, so the objects that use it stay. Their dependencies (a
 * configuration's parser and dictionaries, a dictionary's template) are
 * qualified names in their values, which the engine finds.
 */
function simple<T>(
  kind: string,
  field: "textSearchParsers" | "textSearchTemplates",
  sqlKind: string,
  render: (v: T) => string[],
): KindDiffer<T> {
  return {
    kind,
    // Dropped and created again with a function, type or object it uses that is.
    followsDependencies: true,
    items: (db: Database, scope: DiffScope) => schemaObjects<T>(scope, db, field, kind),
    create(item) {
      return [
        statement("create", item.ref, `CREATE ${sqlKind} ${qname(item.schema, item.name)} (${render(item.value).join(", ")})`, "main"),
      ];
    },
    drop(item) {
      return [statement("drop", item.ref, `DROP ${sqlKind} ${qname(item.schema, item.name)}`, "drop")];
    },
    alter(from, to): AlterResult {
      return sameAttributes(
        withoutCatalogPrefix(from.value) as Record<string, unknown>,
        withoutCatalogPrefix(to.value) as Record<string, unknown>,
      )
        ? []
        : { rebuild: `a ${kind}'s functions cannot be altered` };
    },
    rename(from, to) {
      return [statement("rename", to.ref, `ALTER ${sqlKind} ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename")];
    },
    target: (item): SqlTarget => ({ comment: `${sqlKind} ${qname(item.schema, item.name)}` }),
  };
}

export const textSearchParserDiffer = simple<TextSearchParser>("text search parser", "textSearchParsers", "TEXT SEARCH PARSER", (p) => [
  `START = ${p.start}`,
  `GETTOKEN = ${p.gettoken}`,
  `END = ${p.end}`,
  `LEXTYPES = ${p.lextypes}`,
  ...(p.headline === undefined ? [] : [`HEADLINE = ${p.headline}`]),
]);

export const textSearchTemplateDiffer = simple<TextSearchTemplate>(
  "text search template",
  "textSearchTemplates",
  "TEXT SEARCH TEMPLATE",
  (t) => [...(t.init === undefined ? [] : [`INIT = ${t.init}`]), `LEXIZE = ${t.lexize}`],
);

export const textSearchDictionaryDiffer: KindDiffer<TextSearchDictionary> = {
  kind: "text search dictionary",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items: (db: Database, scope: DiffScope) =>
    schemaObjects<TextSearchDictionary>(scope, db, "textSearchDictionaries", "text search dictionary"),
  create(item) {
    const d = item.value;
    const options = d.options === undefined || d.options.trim() === "" ? "" : `, ${d.options}`;
    return [
      statement(
        "create",
        item.ref,
        `CREATE TEXT SEARCH DICTIONARY ${qname(item.schema, item.name)} (TEMPLATE = ${catalogName(d.template)}${options})`,
        "main",
      ),
    ];
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP TEXT SEARCH DICTIONARY ${qname(item.schema, item.name)}`, "drop")];
  },
  alter(from, to): AlterResult {
    if (!sameCatalogName(from.value.template, to.value.template))
      return { rebuild: "a text search dictionary's template cannot be altered" };
    const a = parseOptions(from.value.options);
    const b = parseOptions(to.value.options);
    if (deepEqual(Object.fromEntries(a), Object.fromEntries(b))) return [];
    const actions = [...a.keys()].filter((k) => !b.has(k)).map((k) => k);
    for (const [key, value] of b) if (a.get(key) !== value) actions.push(`${key} = ${value}`);
    return [statement("alter", to.ref, `ALTER TEXT SEARCH DICTIONARY ${qname(to.schema, to.name)} (${actions.join(", ")})`, "main")];
  },
  rename(from, to) {
    return [
      statement("rename", to.ref, `ALTER TEXT SEARCH DICTIONARY ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename"),
    ];
  },
  target(item): SqlTarget {
    const name = `TEXT SEARCH DICTIONARY ${qname(item.schema, item.name)}`;
    return { comment: name, owner: name };
  },
};

/** `stopwords = 'english', accept = 'false'` → key → value text, as PostgreSQL writes dictinitoption. */
export function parseOptions(text: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  let quoted = false;
  let start = 0;
  const src = text ?? "";
  const push = (part: string) => {
    const eq = part.indexOf("=");
    if (part.trim() === "") return;
    if (eq < 0) map.set(part.trim().toLowerCase(), "");
    else map.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  };
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "'") quoted = !quoted;
    else if (src[i] === "," && !quoted) {
      push(src.slice(start, i));
      start = i + 1;
    }
  }
  push(src.slice(start));
  return map;
}

export const textSearchConfigurationDiffer: KindDiffer<TextSearchConfiguration> = {
  kind: "text search configuration",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items: (db: Database, scope: DiffScope) =>
    schemaObjects<TextSearchConfiguration>(scope, db, "textSearchConfigurations", "text search configuration"),
  create(item) {
    const name = qname(item.schema, item.name);
    const out = [
      statement("create", item.ref, `CREATE TEXT SEARCH CONFIGURATION ${name} (PARSER = ${catalogName(item.value.parser)})`, "main"),
    ];
    for (const [tokens, dicts] of groupMappings(item.value.mappings ?? {})) {
      out.push(mapping(item, `ADD MAPPING FOR ${tokens.map(token).join(", ")} WITH ${dicts}`));
    }
    return out;
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP TEXT SEARCH CONFIGURATION ${qname(item.schema, item.name)}`, "drop")];
  },
  alter(from, to): AlterResult {
    if (!sameCatalogName(from.value.parser, to.value.parser)) return { rebuild: "a text search configuration's parser cannot be altered" };
    const a = from.value.mappings ?? {};
    const b = to.value.mappings ?? {};
    const out: Statement[] = [];
    const dropped = Object.keys(a)
      .filter((t) => b[t] === undefined)
      .sort();
    if (dropped.length > 0) out.push(mapping(to, `DROP MAPPING FOR ${dropped.map(token).join(", ")}`));
    const added: Record<string, string[]> = {};
    const changed: Record<string, string[]> = {};
    for (const [token, dicts] of Object.entries(b)) {
      if (a[token] === undefined) added[token] = dicts;
      else if (!sameDictionaries(a[token], dicts)) changed[token] = dicts;
    }
    for (const [tokens, dicts] of groupMappings(changed))
      out.push(mapping(to, `ALTER MAPPING FOR ${tokens.map(token).join(", ")} WITH ${dicts}`));
    for (const [tokens, dicts] of groupMappings(added))
      out.push(mapping(to, `ADD MAPPING FOR ${tokens.map(token).join(", ")} WITH ${dicts}`));
    return out;
  },
  rename(from, to) {
    return [
      statement("rename", to.ref, `ALTER TEXT SEARCH CONFIGURATION ${qname(from.schema, from.name)} RENAME TO ${ident(to.name)}`, "rename"),
    ];
  },
  target(item): SqlTarget {
    const name = `TEXT SEARCH CONFIGURATION ${qname(item.schema, item.name)}`;
    return { comment: name, owner: name };
  },
};

/**
 * A token type in MAPPING FOR, which takes any column name: the default
 * parser's `int` and `float` are keywords of that kind and need no quotes.
 */
const columnNameKeywords = new Set(["int", "float"]);
function token(name: string): string {
  return columnNameKeywords.has(name) ? name : ident(name);
}

function sameDictionaries(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((d, i) => sameCatalogName(d, b[i]));
}

function mapping(item: Item, action: string): Statement {
  return statement("alter", item.ref, `ALTER TEXT SEARCH CONFIGURATION ${qname(item.schema, item.name)} ${action}`, "main", {
    requires: [item.ref],
    provides: [`${item.ref}#changed`],
  });
}

/** Token types that map to the same dictionaries, in one clause each: `[tokens, "d1, d2"]`. */
function groupMappings(mappings: Record<string, string[]>): [string[], string][] {
  const groups = new Map<string, string[]>();
  for (const token of Object.keys(mappings).sort()) {
    const dicts = (mappings[token] ?? []).map(catalogName).join(", ");
    groups.set(dicts, [...(groups.get(dicts) ?? []), token]);
  }
  return [...groups].map(([dicts, tokens]) => [tokens, dicts]);
}
