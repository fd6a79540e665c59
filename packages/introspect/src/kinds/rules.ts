import { defineKind, setIf } from "../framework.js";
import { descriptionJoin, relationCondition, schemaCondition, SqlParams } from "../sql.js";

interface Row {
  ev_class: number;
  rulename: string;
  ev_type: string;
  is_instead: boolean;
  def: string;
  description: string | null;
}

const events: Record<string, string> = { "1": "select", "2": "update", "3": "insert", "4": "delete" };

/** Rewrite rules other than a view's own `_RETURN`, under their relation's `rules`. */
export const rules = defineKind<Row>({
  name: "rules",
  scope: "relation",
  query(ctx) {
    const params = new SqlParams();
    const text = `
      SELECT r.ev_class, r.rulename, r.ev_type, r.is_instead, pg_catalog.pg_get_ruledef(r.oid) AS def, d.description
        FROM pg_catalog.pg_rewrite r
        JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        ${descriptionJoin("d", "pg_rewrite", "r.oid")}
       WHERE r.rulename <> '_RETURN'
         AND ${schemaCondition("n", ctx, params)}
         AND ${relationCondition("n", "c", ctx, params)}
       ORDER BY r.ev_class, r.rulename`;
    return { text, params: params.values };
  },
  apply(rows, _db, ctx) {
    for (const row of rows) {
      const owner = ctx.relation(row.ev_class);
      if (!owner) continue;
      const parts = parseRuleDefinition(row.def);
      const rule: Record<string, unknown> = { event: events[row.ev_type] ?? row.ev_type };
      setIf(rule, "condition", parts.condition);
      rule.actions = parts.actions;
      if (row.is_instead) rule.instead = true;
      setIf(rule, "description", row.description);
      ((owner.object.rules ??= {}) as Record<string, unknown>)[row.rulename] = rule;
    }
  },
});

/** `CREATE RULE r AS ON INSERT TO t WHERE cond DO INSTEAD actions;` → condition and actions. */
export function parseRuleDefinition(def: string): { condition?: string; actions: string } {
  const match = /^CREATE RULE .*? AS\s+ON \w+ TO \S+(?:\s+WHERE (.*?))?\s+DO(?:\s+INSTEAD)?\s+(.*?);?\s*$/s.exec(def);
  if (!match) return { actions: def };
  return match[1] ? { condition: match[1], actions: match[2] as string } : { actions: match[2] as string };
}
