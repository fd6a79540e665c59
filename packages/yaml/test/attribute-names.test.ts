import { describe, expect, it } from "vitest";
import { readSchemaYaml } from "@pgvc/yaml";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** The first problem reported for `text`, as `file:line:col: message`. */
function firstProblem(text: string): string {
  try {
    readSchemaYaml(text, "a.yaml");
  } catch (error) {
    return (error as Error).message.split("\n")[0] as string;
  }
  return "no problem reported";
}

describe("attribute names that Object.prototype also has", () => {
  // Taken for known attributes, they made the whole object vanish without a word (and yamltodb would drop it).
  it("are unknown attributes, reported where they are", () => {
    expect(firstProblem(lines("schema s:", "  table t:", "    toString: x"))).toMatch(
      /^a\.yaml:3:5: unknown attribute "toString" in "table t"/,
    );
    expect(
      firstProblem(lines("schema s:", "  table t:", "    columns:", "    - a:", "        type: integer", "        constructor: 1")),
    ).toMatch(/^a\.yaml:6:9: unknown attribute "constructor" in "a"/);
    expect(firstProblem(lines("schema s:", "  hasOwnProperty: x"))).toMatch(
      /^a\.yaml:2:3: unknown attribute "hasOwnProperty" in "schema s"/,
    );
    // Index and server attributes have input aliases (`columns:` for `keys:`), looked up by name too.
    expect(
      firstProblem(lines("schema s:", "  table t:", "    indexes:", "      i:", "        keys: [a]", "        constructor: x")),
    ).toMatch(/^a\.yaml:6:9: unknown attribute "constructor"/);
  });

  it("leave real attributes alone", () => {
    expect(readSchemaYaml(lines("schema s:", "  owner: a", "  table t:", "    owner: b"), "a.yaml")).toEqual({
      schemas: { s: { owner: "a", tables: { t: { owner: "b" } } } },
    });
  });
});
