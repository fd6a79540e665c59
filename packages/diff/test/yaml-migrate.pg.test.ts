// `dbtoyaml AFTER > schema.yaml; yamltodb BEFORE schema.yaml | psql BEFORE` for every hard case (see yaml-passes.ts).
import { describe, it } from "vitest";
import { cases, major, onePass, withCase } from "./yaml-passes.js";

describe.concurrent.each(cases)("$name", (kase) => {
  const skip = kase.minVersion > major || kase.renames.length > 0;
  (skip ? it.skip : it)(
    "migrates from before in one pass",
    async () => {
      await withCase(kase, "before", onePass(true, true));
    },
    60_000,
  );
});
