// The check behind yamltodb's shortcuts (the hard-case suites run with it on):
// it must fail when a shortcut's answer differs from the full comparison's.
import { describe, expect, it } from "vitest";
import { statement } from "@pgvc/diff";
import { checkShortcut } from "../src/commands/shortcuts.js";

const create = statement("create", "table app.t", "CREATE TABLE app.t ()", "main");

describe("checkShortcut", () => {
  it("fails, naming the shortcut and both answers, when the full comparison finds something the shortcut did not", async () => {
    const check = checkShortcut(true, "the models are equal", [], async () => [create]);
    await expect(check).rejects.toThrow(
      /internal error: yamltodb's shortcut "the models are equal" gives\n\(nothing\)\nwhere the full comparison gives\nCREATE TABLE app\.t \(\);/,
    );
  });

  it("passes when both give the same statements", async () => {
    await expect(checkShortcut(true, "only new objects need no trial", [create], async () => [create])).resolves.toBeUndefined();
  });

  it("does no work when not asked", async () => {
    let ran = false;
    await checkShortcut(false, "the models are equal", [], async () => {
      ran = true;
      return [create];
    });
    expect(ran).toBe(false);
  });
});

describe("checkShortcut's comparison", () => {
  it("takes a statement the server renders with its casts moved about as the same, and a different value as different", async () => {
    const check = (sql: string) =>
      statement("create", "table app.t", `CREATE TABLE app.t (tier character varying(10), CONSTRAINT t_tier_check CHECK (${sql}))`, "main");
    const given = check("((tier)::text = ANY ((ARRAY['basic'::character varying, 'gold'::character varying])::text[]))");
    const rendered = check("((tier)::text = ANY (ARRAY[('basic'::character varying)::text, ('gold'::character varying)::text]))");
    const other = check("((tier)::text = ANY (ARRAY[('basic'::character varying)::text, ('silver'::character varying)::text]))");
    await expect(checkShortcut(true, "only new objects need no trial", [given], async () => [rendered])).resolves.toBeUndefined();
    await expect(checkShortcut(true, "only new objects need no trial", [given], async () => [other])).rejects.toThrow(/silver/);
  });
});
