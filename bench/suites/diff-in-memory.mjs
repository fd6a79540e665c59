// The in-memory diff: two models of the same N-table database (read twice,
// so they share no objects), and a model of that database with about 5% of
// its tables changed (read inside a transaction that is rolled back).
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateMutation } from "../generate.mjs";
import { measureInProcess } from "../measure.mjs";

const packages = fileURLToPath(new URL("../../packages/", import.meta.url));
const entry = (name) => `${packages}${name}/dist/index.js`;

async function load(name) {
  return existsSync(entry(name)) ? import(pathToFileURL(entry(name)).href) : undefined;
}

export default {
  name: "diff in memory",
  async available() {
    const [diff, introspect, core] = await Promise.all([load("diff"), load("introspect"), load("core")]);
    return typeof diff?.diffSchemas === "function" && typeof introspect?.introspect === "function" && typeof core?.connect === "function";
  },
  async run(ctx) {
    const [{ diffSchemas }, { introspect }, { connect, resolveConnection }] = await Promise.all([
      load("diff"),
      load("introspect"),
      load("core"),
    ]);
    const session = await connect(resolveConnection({ dbname: ctx.url }, {}));
    try {
      ctx.log("introspecting in process");
      const read = await measureInProcess(() => introspect(session), ctx.runs);
      const first = await introspect(session);
      const second = await introspect(session);
      ctx.log("diffing identical models");
      const same = await measureInProcess(() => diffSchemas(first, second), ctx.runs);
      const mutation = generateMutation(ctx.generated.tables, 0.05);
      await session.query("BEGIN");
      let changed;
      try {
        for (const statement of mutation) await session.query(statement);
        changed = await introspect(session);
      } finally {
        await session.query("ROLLBACK");
      }
      ctx.log("diffing against the 5% mutation");
      const diff = await measureInProcess(() => diffSchemas(first, changed), ctx.runs);
      return [
        { name: "introspect in process", ok: true, ms: read.ms, times: read.times, inProcess: true },
        {
          name: "diff in memory: identical models",
          ok: true,
          ms: same.ms,
          times: same.times,
          inProcess: true,
          note: `${same.value.length} statements`,
        },
        {
          name: "diff in memory: 5% changed",
          ok: true,
          ms: diff.ms,
          times: diff.times,
          inProcess: true,
          note: `${mutation.length} changes -> ${diff.value.length} statements`,
        },
      ];
    } finally {
      await session.close();
    }
  },
};
