import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./databases.js";

/**
 * A fresh database for the calling test file, created before its tests and
 * dropped after them, also when they fail. Read its fields inside tests.
 */
export function useTestDatabase(prefix?: string): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(prefix);
  });
  afterAll(async () => {
    await current?.drop();
  });
  const get = (): TestDatabase => {
    if (!current) throw new Error("the test database is only available inside tests and hooks");
    return current;
  };
  return {
    get name() {
      return get().name;
    },
    get url() {
      return get().url;
    },
    get connection() {
      return get().connection;
    },
    drop: () => get().drop(),
  };
}
