// dbtoyaml beyond the plain run that run.mjs times: the seed's own line
// (--no-owner --no-privileges), the multiple-files tree, and where the time
// of one run goes, in process: reading the catalog (without the dependency
// query dbtoyaml skips) and writing the YAML.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { measure, measureInProcess } from "../measure.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "packages/introspect/bin/dbtoyaml.js");
const entry = (name) => join(root, "packages", name, "dist/index.js");

async function load(name) {
  return existsSync(entry(name)) ? import(pathToFileURL(entry(name)).href) : undefined;
}

export default {
  name: "dbtoyaml",
  async available() {
    const [introspect, yaml] = await Promise.all([load("introspect"), load("yaml")]);
    return existsSync(bin) && typeof introspect?.introspect === "function" && typeof yaml?.writeSchemaYaml === "function";
  },
  async run(ctx) {
    const rows = [];
    // The database by name, the connection from ctx.env: no password on a command line.
    const dbname = decodeURIComponent(new URL(ctx.url).pathname.slice(1));
    ctx.log("dbtoyaml --no-owner --no-privileges");
    const plain = await measure(process.execPath, [bin, "--no-owner", "--no-privileges", dbname], {
      runs: ctx.runs,
      env: ctx.env,
      stdoutFile: join(ctx.workDir, "extract.yaml"),
    });
    rows.push({ name: "dbtoyaml -O -x (the seed's line)", ...plain });
    const tree = mkdtempSync(join(ctx.workDir, "tree-"));
    try {
      ctx.log("dbtoyaml -m -r DIR");
      const files = await measure(process.execPath, [bin, "-m", "-r", tree, dbname], { runs: ctx.runs, env: ctx.env });
      rows.push({ name: "dbtoyaml -m (multiple files)", ...files });
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
    rows.push(...(await inProcess(ctx)));
    return rows;
  },
};

async function inProcess(ctx) {
  const [{ introspect }, { writeSchemaYaml }, { connect, resolveConnection }] = await Promise.all([
    load("introspect"),
    load("yaml"),
    load("core"),
  ]);
  const session = await connect(resolveConnection({ dbname: ctx.url }, {}));
  try {
    ctx.log("dbtoyaml's parts in process");
    const read = await measureInProcess(() => introspect(session, { dependencies: false }), ctx.runs);
    const write = await measureInProcess(() => writeSchemaYaml(read.value), ctx.runs);
    const dependencies = await measureInProcess(() => introspect(session, { kinds: [] }), ctx.runs);
    return [
      { name: "dbtoyaml part: catalog to model", ok: true, ms: read.ms, times: read.times, inProcess: true },
      {
        name: "dbtoyaml part: model to YAML",
        ok: true,
        ms: write.ms,
        times: write.times,
        inProcess: true,
        note: `${write.value.length} bytes`,
      },
      { name: "introspect part: dependency query", ok: true, ms: dependencies.ms, times: dependencies.times, inProcess: true },
    ];
  } finally {
    await session.close();
  }
}
