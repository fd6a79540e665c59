// `dbtoyaml AFTER > schema.yaml; yamltodb EMPTY schema.yaml | psql EMPTY` for every hard case (see yaml-passes.ts).
import { describe, it } from "vitest";
import { cases, checksFirstPass, major, onePass, withCase } from "./yaml-passes.js";

describe.concurrent.each(cases.map((kase, index) => ({ ...kase, index })))("$name", (kase) => {
  it.skipIf(kase.minVersion > major)(
    "rebuilds from empty in one pass",
    async () => {
      await withCase(kase, "empty", onePass(false, checksFirstPass("empty", kase.index)));
    },
    60_000,
  );
});
