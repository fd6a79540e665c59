import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { chainKeys, ModelCache, modelKey, templateName } from "../../src/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pgvc-cache-test-"));
  dirs.push(dir);
  return dir;
}

const model: Database = { schemas: { app: { tables: { orders: { columns: [{ id: { type: "integer" } }] } } } } } as unknown as Database;
const config = { migrations: [{ kind: "sql" as const, dir: "db/migrations" }] };

describe("chain keys", () => {
  it("change from an edited step on, and only from there", () => {
    const a = chainKeys(config, "embedded:16", ["h1", "h2", "h3"]);
    const b = chainKeys(config, "embedded:16", ["h1", "h2-edited", "h3"]);
    expect(a).toHaveLength(4);
    expect(b.slice(0, 2)).toEqual(a.slice(0, 2));
    expect(b[2]).not.toBe(a[2]);
    expect(b[3]).not.toBe(a[3]);
  });

  it("change with the server, the sources and a removed step; the model key with the introspection options", () => {
    const a = chainKeys(config, "embedded:16", ["h1", "h2"]);
    expect(chainKeys(config, "embedded:17", ["h1", "h2"])[0]).not.toBe(a[0]);
    expect(chainKeys({ migrations: [{ kind: "sql", dir: "db/migrations", layout: "dbmate" }] }, "embedded:16", ["h1", "h2"])[0]).not.toBe(
      a[0],
    );
    expect(chainKeys(config, "embedded:16", ["h2"])[1]).not.toBe(a[2]);
    const settings = { schemas: [], excludeSchemas: [], noOwner: true, noPrivileges: true };
    expect(modelKey(a[2] as string, settings)).not.toBe(modelKey(a[2] as string, { ...settings, noOwner: false }));
    expect(templateName(a[2] as string)).toMatch(/^pgvc_tpl_[0-9a-f]{32}$/);
  });
});

describe("ModelCache", () => {
  it("gives back what was put, by key", async () => {
    const cache = new ModelCache(cacheDir());
    await cache.put("k1", model);
    expect(await cache.get("k1")).toEqual(model);
    expect(await cache.get("k2")).toBeUndefined();
  });

  it("ignores and removes an entry whose content does not match its hash, or that is not JSON", async () => {
    const dir = cacheDir();
    const cache = new ModelCache(dir);
    await cache.put("k1", model);
    const file = join(dir, "k1.json");
    writeFileSync(file, readFileSync(file, "utf8").replace("orders", "orderz"));
    expect(await cache.get("k1")).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    await cache.put("k2", model);
    writeFileSync(join(dir, "k2.json"), '{"key": "k2", "hash": "x", "model": "{}"');
    expect(await cache.get("k2")).toBeUndefined();
  });

  it("does not take an entry stored under another key", async () => {
    const dir = cacheDir();
    const cache = new ModelCache(dir);
    await cache.put("k1", model);
    writeFileSync(join(dir, "k3.json"), readFileSync(join(dir, "k1.json")));
    expect(await cache.get("k3")).toBeUndefined();
  });

  it("survives many writers of the same key at once, leaving one whole entry and no temporary file", async () => {
    const dir = cacheDir();
    await Promise.all(Array.from({ length: 20 }, () => new ModelCache(dir).put("k1", model)));
    expect(readdirSync(dir)).toEqual(["k1.json"]);
    expect(await new ModelCache(dir).get("k1")).toEqual(model);
  });
});
