import { readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkout,
  commit,
  copyInto,
  djangoPython,
  git,
  head,
  makeSandbox,
  pgvc,
  scratchDatabases,
  startCheck,
  tmpEntries,
  untilSleeping,
  writeFiles,
  type Sandbox,
} from "./helpers.js";

// examples/django copied into a repository of its own (without its
// pgvc.yaml, whose paths are from this project's root): pgvc init writes
// the configuration and the plain git hook, and Django's own
// `manage.py migrate` builds the scratch database.
let box: Sandbox;
beforeAll(async () => {
  if (!djangoPython()) throw new Error("no python3 with Django and psycopg2: apt-get install python3-django python3-psycopg2");
  box = await makeSandbox("pgvc_e2e_django");
  copyInto(join(checkout, "examples", "django"), box.repo, (src) => src.endsWith("pgvc.yaml"));
}, 120_000);
afterAll(async () => {
  await box?.remove();
});

const phoneMigration = `from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("shop", "0003_order_line_cascade")]

    operations = [
        migrations.AddField(model_name="customer", name="phone", field=models.CharField(max_length=20, null=True)),
    ]
`;

const emailColumn = "    - email:\n        not_null: true\n        type: character varying(254)\n";
const schemaFile = () => join(box.repo, "pyrseas/schema.yaml");

/** Processes whose working folder is inside the sandbox (a manage.py left running). */
function processesInSandbox(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(box.dir)) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function expectNothingLeft(): Promise<void> {
  expect(await scratchDatabases(box)).toEqual([]);
  expect(tmpEntries(box)).toEqual([]);
  expect(processesInSandbox()).toEqual([]);
}

describe("the pre-commit hook of a Django repository", { timeout: 240_000 }, () => {
  it("is set up by pgvc init without making it a Node project", () => {
    const r = pgvc(box, "init", "--server", box.server);
    expect(r.status, r.output2).toBe(0);
    const config = readFileSync(join(box.repo, "pgvc.yaml"), "utf8");
    expect(config).toContain(
      '  - command: python3 manage.py migrate --noinput\n    watch: ["*/migrations/*.py"]\n    name: django\n    app: shop\n',
    );
    expect(config).toContain('introspect:\n  schemas: ["shop"]\n  no_owner: true\n  no_privileges: true\n');
    expect(r.stdout).toContain("created          .git/hooks/pre-commit");
    expect(r.stdout).not.toContain("package.json");
  });

  it("accepts the project as it is: its schema.yaml was written from these migrations", async () => {
    const r = commit(box, ["."], "the shop");
    expect(r.status, r.output2).toBe(0);
    expect(r.output2).toContain("pyrseas/schema.yaml matches");
    await expectNothingLeft();
  });

  it("refuses a new Django migration without schema.yaml", async () => {
    writeFiles(box.repo, { "shop/migrations/0004_customer_phone.py": phoneMigration });
    const before = head(box);
    const r = commit(box, ["shop/migrations/0004_customer_phone.py"], "phone");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("table shop.customer: column phone is made by the migrations but is not in pyrseas/schema.yaml");
    expect(head(box)).toBe(before);
    await expectNothingLeft();
  });

  it("accepts it with schema.yaml updated", async () => {
    const text = readFileSync(schemaFile(), "utf8");
    expect(text).toContain(emailColumn);
    writeFileSync(schemaFile(), text.replace(emailColumn, `${emailColumn}    - phone:\n        type: character varying(20)\n`));
    const r = commit(box, ["pyrseas/schema.yaml", "shop/migrations/0004_customer_phone.py"], "phone");
    expect(r.status, r.output2).toBe(0);
    await expectNothingLeft();
  });

  it("refuses schema.yaml changed without a migration", async () => {
    const text = readFileSync(schemaFile(), "utf8");
    writeFileSync(
      schemaFile(),
      text.replace("    - phone:\n        type: character varying(20)\n", "    - phone:\n        type: character varying(30)\n"),
    );
    const r = commit(box, ["pyrseas/schema.yaml"], "longer phone");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("phone");
    expect(r.output2).toContain("character varying(30)");
    writeFileSync(schemaFile(), text);
    git(box, "add", "pyrseas/schema.yaml");
    await expectNothingLeft();
  });

  it("reports a failing migration by its file and the PostgreSQL error", async () => {
    writeFiles(box.repo, {
      "shop/migrations/0005_bad.py": [
        "from django.db import migrations",
        "",
        "",
        "class Migration(migrations.Migration):",
        '    dependencies = [("shop", "0004_customer_phone")]',
        '    operations = [migrations.RunSQL("ALTER TABLE shop.customer ADD COLUMN note nosuchtype")]',
        "",
      ].join("\n"),
    });
    const r = commit(box, ["shop/migrations/0005_bad.py"], "bad");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("0005_bad");
    expect(r.output2).toContain('type "nosuchtype" does not exist');
    await expectNothingLeft();
  });

  it("replays again when an old migration is edited (the cache does not hide it)", async () => {
    git(box, "rm", "-q", "-f", "--", "shop/migrations/0005_bad.py");
    const view = join(box.repo, "shop/migrations/0002_customer_total_view.py");
    const original = readFileSync(view, "utf8");
    writeFileSync(view, original.replace("::numeric(12,2) AS total", "::numeric(14,2) AS total"));
    const r = commit(box, ["shop/migrations/0002_customer_total_view.py"], "wider totals");
    expect(r.status).toBe(1);
    expect(r.output2).toContain("view shop.customer_total");
    expect(r.output2).toContain("numeric(14,2)");
    writeFileSync(view, original);
    git(box, "add", "shop/migrations/0002_customer_total_view.py");
    await expectNothingLeft();
  });

  it("leaves no database, folder or manage.py behind when interrupted", async () => {
    writeFiles(box.repo, {
      "shop/migrations/0005_slow.py": [
        "from django.db import migrations",
        "",
        "",
        "class Migration(migrations.Migration):",
        '    dependencies = [("shop", "0004_customer_phone")]',
        '    operations = [migrations.RunSQL("SELECT pg_sleep(60)")]',
        "",
      ].join("\n"),
    });
    const check = startCheck(box);
    await untilSleeping(box);
    check.child.kill("SIGINT");
    const stopped = await check.done;
    expect(stopped.code === 130 || stopped.signal === "SIGINT", stopped.output).toBe(true);
    await expectNothingLeft();
    rmSync(join(box.repo, "shop/migrations/0005_slow.py"));
  });
});
