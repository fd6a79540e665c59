import type { Database, EventTrigger } from "@pgvc/model";
import type { AlterResult, Item, KindDiffer, SqlTarget } from "../differ.js";
import { changedAttributes } from "../compare.js";
import { ident, literal } from "../render.js";
import { statement, type Statement } from "../statement.js";
import { withoutCatalogPrefix } from "./objectnames.js";

const enable: Record<string, string> = { origin: "ENABLE", disabled: "DISABLE", replica: "ENABLE REPLICA", always: "ENABLE ALWAYS" };

/**
 * Event triggers: `event trigger ddl_log`. Enabling and disabling is ALTER
 * EVENT TRIGGER; a new event, function or tag list drops and creates.
 */
export const eventTriggerDiffer: KindDiffer<EventTrigger> = {
  kind: "event trigger",
  // Dropped and created again with a function, type or object it uses that is.
  followsDependencies: true,
  items(db: Database): Item<EventTrigger>[] {
    const triggers = db.eventTriggers ?? {};
    return Object.keys(triggers)
      .sort()
      .map((name) => ({ ref: `event trigger ${name}`, kind: "event trigger", name, value: triggers[name] as EventTrigger }));
  },
  create(item) {
    const e = item.value;
    const when = e.tags && e.tags.length > 0 ? ` WHEN TAG IN (${e.tags.map(literal).join(", ")})` : "";
    const fn = e.procedure.endsWith(")") ? e.procedure : `${e.procedure}()`;
    const out = [
      statement("create", item.ref, `CREATE EVENT TRIGGER ${ident(item.name)} ON ${e.event}${when} EXECUTE FUNCTION ${fn}`, "main"),
    ];
    if ((e.enabled ?? "origin") !== "origin") out.push(enabling(item));
    return out;
  },
  drop(item) {
    return [statement("drop", item.ref, `DROP EVENT TRIGGER ${ident(item.name)}`, "drop")];
  },
  alter(from, to): AlterResult {
    const { owner: _o, description: _d, ...a } = from.value;
    const { owner: _o2, description: _d2, ...b } = to.value;
    const changed = changedAttributes(withoutCatalogPrefix(a), withoutCatalogPrefix(b), { enabled: "origin" });
    if (changed.length === 0) return [];
    if (changed.some((key) => key !== "enabled")) return { rebuild: "an event trigger's event, function or tags changed" };
    return [enabling(to)];
  },
  rename(from, to) {
    return [statement("rename", to.ref, `ALTER EVENT TRIGGER ${ident(from.name)} RENAME TO ${ident(to.name)}`, "rename")];
  },
  target(item): SqlTarget {
    const name = `EVENT TRIGGER ${ident(item.name)}`;
    return { comment: name, owner: name };
  },
};

function enabling(item: Item<EventTrigger>): Statement {
  const sql = `ALTER EVENT TRIGGER ${ident(item.name)} ${enable[item.value.enabled ?? "origin"] ?? "ENABLE"}`;
  return statement("alter", item.ref, sql, "main", { requires: [item.ref], provides: [] });
}
