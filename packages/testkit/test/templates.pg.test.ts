import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { createFromTemplate, dropTemplates, execute, runTemplatePrefix, templatePrefix, testServerUrl } from "@pgvc/testkit";

const here = fileURLToPath(new URL(".", import.meta.url));

const server = testServerUrl();
const unique = () => randomBytes(6).toString("hex");

async function databasesNamed(pattern: string): Promise<string[]> {
  const [result] = await execute(server, `SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE '${pattern}' ORDER BY datname`);
  return result!.rows.map((row: { datname: string }) => row.datname);
}

async function rows(url: string): Promise<number[]> {
  const [result] = await execute(url, "SELECT n FROM probe ORDER BY n");
  return result!.rows.map((row: { n: number }) => row.n);
}

it("builds once, and every copy starts from what the build made", async () => {
  const key = `probe ${unique()}`;
  let builds = 0;
  const build = async (url: string) => {
    builds += 1;
    await execute(url, "CREATE TABLE probe (n int); INSERT INTO probe VALUES (1), (2)");
  };
  const first = await createFromTemplate(key, build, "pgvc_probe");
  const second = await createFromTemplate(key, build, "pgvc_probe");
  try {
    expect(builds).toBe(1);
    await execute(first.url, "INSERT INTO probe VALUES (3)");
    expect(await rows(first.url)).toEqual([1, 2, 3]);
    expect(await rows(second.url)).toEqual([1, 2]);
    const third = await createFromTemplate(key, build, "pgvc_probe");
    expect(await rows(third.url)).toEqual([1, 2]);
    await third.drop();
  } finally {
    await first.drop();
    await second.drop();
  }
});

/** The name `createFromTemplate` gives the template of `key`. */
const templateOf = (key: string) => runTemplatePrefix() + createHash("sha256").update(key).digest("hex").slice(0, 24);

it("leaves neither a template nor a half-built database when the build fails", async () => {
  const key = `failing ${unique()}`;
  await expect(createFromTemplate(key, (url) => execute(url, "CREATE TABLE broken (").then(() => undefined))).rejects.toThrow(
    /syntax error/,
  );
  expect(await databasesNamed(`${templateOf(key)}%`)).toEqual([]);
});

it("uses, in another process, the template this one built, without building it again", async () => {
  const key = `shared ${unique()}`;
  const copy = await createFromTemplate(key, (url) =>
    execute(url, "CREATE TABLE probe (n int); INSERT INTO probe VALUES (7)").then(() => undefined),
  );
  await copy.drop();
  expect(await databasesNamed(templateOf(key))).toEqual([templateOf(key)]);
  const child = `
    import { createFromTemplate, execute } from "@pgvc/testkit";
    const db = await createFromTemplate(${JSON.stringify(key)}, async () => { throw new Error("built again"); });
    const [result] = await execute(db.url, "SELECT n FROM probe");
    await db.drop();
    process.stdout.write(JSON.stringify(result.rows));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", child], { cwd: here, encoding: "utf8" });
  expect(JSON.parse(out)).toEqual([{ n: 7 }]);
});

it("drops at the end of another run on the same server only that run's templates", async () => {
  const key = `kept ${unique()}`;
  const copy = await createFromTemplate(key, async () => undefined);
  await copy.drop();
  expect(runTemplatePrefix().startsWith(templatePrefix)).toBe(true);
  await dropTemplates(server, `${templatePrefix}000000_`);
  expect(await databasesNamed(templateOf(key))).toEqual([templateOf(key)]);
});
