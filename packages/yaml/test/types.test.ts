import { describe, expect, it } from "vitest";
import type { Column, Domain, ExclusionConstraint, ForeignKey, Trigger, View } from "@pgvc/model";

// Compiled by `npm run typecheck`: nested object specs keep their optional attributes optional.
describe("model types inferred from nested specs", () => {
  it("make only the declared attributes required", () => {
    const domain: Domain = { type: "text", check_constraints: { c: { expression: "(VALUE <> '')" } } };
    const exclusion: ExclusionConstraint = { elements: [{ room: { operator: "=" } }] };
    const fk: ForeignKey = { columns: ["a"], references: { table: "t", columns: ["a"] } };
    const trigger: Trigger = { timing: "before", events: ["insert"], procedure: { name: "f" } };
    const view: View = { definition: "SELECT 1", columns: [{ name: "a", type: "integer" }] };
    // @ts-expect-error a column needs a type
    const column: Column = { name: "a" };
    // @ts-expect-error a domain check constraint needs an expression
    const bad: Domain = { type: "text", check_constraints: { c: {} } };
    expect([domain, exclusion, fk, trigger, view, column, bad]).toHaveLength(7);
  });
});
