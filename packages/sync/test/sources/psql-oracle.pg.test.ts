import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { describe, expect, it } from "vitest";
import { splitSql } from "../../src/sources/sql/split.js";

const db = useTestDatabase("sources_oracle");
const fixture = fileURLToPath(new URL("./fixtures/psql.sql", import.meta.url));

describe("splitSql against psql itself", () => {
  it("sends the same statements, with the same text, as psql -f echoes them", () => {
    const echoed = execFileSync("psql", ["-X", "-q", "-e", "-v", "ON_ERROR_STOP=1", "-f", fixture, db.url], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const ours = splitSql(readFileSync(fixture, "utf8"), "psql.sql").map((s) => s.text);
    // Counted by hand: two CREATE TABLEs, three INSERTs, two functions, a procedure, a rule, PREPARE, DO, SET, INSERT, RESET, a view, COPY, the index.
    expect(ours).toHaveLength(17);
    expect(`${ours.join("\n")}\n`).toBe(echoed);
  });
});
