// yamltodb on a realistic change: a copy of the N-table database with about
// 5% of its tables changed (new column, new comment, a dropped index), and
// the YAML of the original: the SQL that brings the copy back, with the
// server's rolled-back trial run included. Also `pgvc diff` of two YAML files.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execute, withDatabaseName } from "@pgvc/testkit";
import { generateMutation } from "../generate.mjs";
import { measure } from "../measure.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const yamltodbBin = join(root, "packages/diff/bin/yamltodb.js");
const diffBin = join(root, "packages/diff/bin/pgvc-diff.js");
const dbtoyamlBin = join(root, "packages/introspect/bin/dbtoyaml.js");

export default {
  name: "yamltodb on a 5% change",
  async available() {
    return existsSync(join(root, "packages/diff/dist/cli/yamltodb.js")) && existsSync(dbtoyamlBin);
  },
  async run(ctx) {
    if (!ctx.yamlFile) return [];
    const copy = `bench_${ctx.n}_changed`;
    const full = new URL(ctx.url).pathname.slice(1);
    await execute(ctx.server.url, `DROP DATABASE IF EXISTS ${copy}`);
    await execute(ctx.server.url, `CREATE DATABASE ${copy} TEMPLATE ${full}`);
    try {
      const mutation = generateMutation(ctx.generated.tables, 0.05);
      await execute(withDatabaseName(ctx.server.url, copy), mutation.join("\n"));
      ctx.log(`yamltodb against ${mutation.length} changes`);
      const sql = join(ctx.workDir, "revert-mutation.sql");
      const apply = await measure(process.execPath, [yamltodbBin, copy, ctx.yamlFile], {
        runs: ctx.runs,
        env: ctx.env,
        okCodes: [0, 1],
        stdoutFile: sql,
      });
      ctx.log("pgvc diff between two YAML files");
      const changedYaml = join(ctx.workDir, "changed.yaml");
      const dump = await measure(process.execPath, [dbtoyamlBin, copy], { runs: 1, env: ctx.env, stdoutFile: changedYaml });
      const yaml = dump.ok
        ? await measure(process.execPath, [diffBin, changedYaml, ctx.yamlFile], {
            runs: ctx.runs,
            env: ctx.env,
            okCodes: [0, 1],
            stdoutFile: join(ctx.workDir, "yaml-diff.sql"),
          })
        : dump;
      return [
        { name: "yamltodb 5% changed", ...apply, note: `${mutation.length} changes` },
        { name: "pgvc diff YAML x YAML 5%", ...yaml },
      ];
    } finally {
      await execute(ctx.server.url, `DROP DATABASE IF EXISTS ${copy}`);
    }
  },
};
