import { describe, expect, it } from "vitest";
import { describeConnection, libpqEnvironment, lookupPgpass, redactConnectionString, resolveConnection, UsageError } from "@pgvc/core";

describe("resolveConnection", () => {
  const base = { PGHOST: "envhost", PGPORT: "5433", PGUSER: "envuser", PGDATABASE: "envdb", PGPASSFILE: "/nonexistent" };

  it("takes the libpq environment variables", () => {
    const conn = resolveConnection({}, base);
    expect([conn.host, conn.port, conn.user, conn.database]).toEqual(["envhost", 5433, "envuser", "envdb"]);
    expect(conn.password).toBeUndefined();
    expect(conn.sslmode).toBe("prefer");
  });

  it("lets flags win over the environment", () => {
    const conn = resolveConnection({ dbname: "flagdb", host: "flaghost", port: "6000", username: "flaguser" }, base);
    expect(describeConnection(conn)).toBe("flaguser@flaghost:6000/flagdb");
  });

  it("reads a URI given as the database name, flags still winning", () => {
    const conn = resolveConnection({ dbname: "postgresql://alice:s%40cret@db.example:5544/shop?sslmode=require", port: "7000" }, base);
    expect(conn).toMatchObject({ host: "db.example", port: 7000, user: "alice", password: "s@cret", database: "shop", sslmode: "require" });
  });

  it("accepts a socket directory in the URI's host parameter", () => {
    const conn = resolveConnection({ dbname: "postgres:///shop?host=/var/run/postgresql" }, { PGPASSFILE: "/nonexistent" });
    expect(conn.host).toBe("/var/run/postgresql");
    expect(conn.database).toBe("shop");
  });

  it("defaults the database to the user name", () => {
    const conn = resolveConnection({ username: "bob", host: "h" }, { PGPASSFILE: "/nonexistent" });
    expect(conn.database).toBe("bob");
  });

  it.each([
    [{ port: "abc" }, /invalid port "abc" from --port/],
    [{ port: "70000" }, /invalid port/],
    [{ dbname: "postgres://[bad" }, /not a valid connection URI/],
  ])("rejects %j", (options, message) => {
    expect(() => resolveConnection(options, base)).toThrow(UsageError);
    expect(() => resolveConnection(options, base)).toThrow(message);
  });

  it("rejects an unknown PGSSLMODE", () => {
    expect(() => resolveConnection({}, { ...base, PGSSLMODE: "sometimes" })).toThrow(/invalid sslmode "sometimes"/);
  });

  it("passes the password to libpq programs through the environment only", () => {
    const conn = resolveConnection({ password: "pw" }, base);
    const env = libpqEnvironment(conn, {});
    expect(env).toMatchObject({ PGHOST: "envhost", PGPORT: "5433", PGUSER: "envuser", PGDATABASE: "envdb", PGPASSWORD: "pw" });
  });
});

describe("lookupPgpass", () => {
  const file = [
    "# comment",
    "db.example:5432:shop:alice:first",
    "db.example:*:*:alice:second",
    "localhost:5432:*:bob:pa\\:ss\\\\word",
    "*:*:*:*:fallback",
  ].join("\n");

  it.each([
    [{ host: "db.example", port: 5432, database: "shop", user: "alice" }, "first"],
    [{ host: "db.example", port: 9999, database: "other", user: "alice" }, "second"],
    [{ host: "/var/run/postgresql", port: 5432, database: "x", user: "bob" }, "pa:ss\\word"],
    [{ host: "elsewhere", port: 1, database: "y", user: "carol" }, "fallback"],
  ])("%j -> %s", (query, expected) => {
    expect(lookupPgpass(file, query)).toBe(expected);
  });

  it("finds nothing when no line matches", () => {
    expect(lookupPgpass("h:1:d:u:p", { host: "x", port: 1, database: "d", user: "u" })).toBeUndefined();
  });
});

describe("redactConnectionString", () => {
  it.each([
    ["could not connect to postgres://alice:hunter2@db/shop", "could not connect to postgres://alice:****@db/shop"],
    ["postgresql://u@h/d?password=hunter2&sslmode=require", "postgresql://u@h/d?password=****&sslmode=require"],
    ["host=db password=hunter2 user=u", "host=db password=**** user=u"],
    ["host=db password='hun ter2' user=u", "host=db password=**** user=u"],
    ["postgres://alice@db/shop", "postgres://alice@db/shop"],
  ])("%s", (input, expected) => {
    expect(redactConnectionString(input)).toBe(expected);
  });
});
