// `dbtoyaml AFTER > schema.yaml; yamltodb EMPTY schema.yaml | psql EMPTY` for every hard case (see yaml-passes.ts).
import { describe, it } from "vitest";
import { cases, major, onePass, withCase } from "./yaml-passes.js";

describe.concurrent.each(cases)("$name", (kase) => {
  it.skipIf(kase.minVersion > major)(
    "rebuilds from empty in one pass",
    async () => {
      await withCase(kase, "empty", onePass(false));
    },
    60_000,
  );
});
