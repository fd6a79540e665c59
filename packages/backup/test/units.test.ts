import { describe, expect, it } from "vitest";
import { CommanderError } from "commander";
import { UsageError } from "@pgvc/core";
import {
  backupFileName,
  createDatabaseStatement,
  databaseStamp,
  derivedDatabaseName,
  fileStamp,
  parseBackupArgs,
  parseGuardArgs,
  parseRestoreArgs,
  parseTableOfContents,
  parseToolVersion,
  shellWord,
} from "@pgvc/backup";

const when = new Date("2026-03-04T05:06:07.890Z");

describe("names", () => {
  it("stamps files and databases with the UTC time", () => {
    expect(fileStamp(when)).toBe("20260304T050607Z");
    expect(databaseStamp(when)).toBe("20260304_050607");
    expect(backupFileName("shop", when)).toBe("shop_20260304T050607Z.dump");
    expect(backupFileName('My "DB"/x', when)).toBe("My_DB_x_20260304T050607Z.dump");
    expect(backupFileName("..", when)).toBe("database_20260304T050607Z.dump");
  });

  it("cuts the base of a derived database name to fit 63 bytes, never the suffix", () => {
    expect(derivedDatabaseName("shop", "_restore_20260304_050607")).toBe("shop_restore_20260304_050607");
    const long = "a".repeat(60);
    expect(derivedDatabaseName(long, "_restore_20260304_050607")).toBe(`${"a".repeat(39)}_restore_20260304_050607`);
    // "é" is two bytes in UTF-8: 20 of them are 40 bytes, 19 fit beside a 24-byte suffix.
    expect(derivedDatabaseName("é".repeat(20), "_restore_20260304_050607")).toBe(`${"é".repeat(19)}_restore_20260304_050607`);
  });
});

describe("shellWord", () => {
  it.each([
    ["/backups/shop_20260304T050607Z.dump", "/backups/shop_20260304T050607Z.dump"],
    ["My DB", "'My DB'"],
    ["it's", "'it'\\''s'"],
    ["", "''"],
  ])("%s", (word, quoted) => {
    expect(shellWord(word)).toBe(quoted);
  });
});

describe("parseToolVersion", () => {
  it.each([
    ["pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)", "15.18", 15],
    ["pg_restore (PostgreSQL) 17.2", "17.2", 17],
    ["pg_dump (PostgreSQL) 18beta1", "18", 18],
    ["pg_dump (PostgreSQL) 9.6.24", "9.6", 9.6],
  ])("%s", (text, version, major) => {
    expect(parseToolVersion(text)).toEqual({ version, major });
  });

  it("returns undefined for something else", () => {
    expect(parseToolVersion("mysqldump  Ver 10.19")).toBeUndefined();
  });
});

describe("parseTableOfContents", () => {
  const listing = [
    ";",
    "; Archive created at 2026-11-26 01:01:16 UTC",
    ";     dbname: My DB",
    ";     TOC Entries: 4",
    ";     Format: CUSTOM",
    ";     Dumped from database version: 16.4",
    ";     Dumped by pg_dump version: 16.4 (Debian 16.4-1)",
    ";",
    "; Selected TOC Entries:",
    ";",
    "6; 2615 16387 SCHEMA - app alice",
    "223; 1259 16462 TABLE app My Table alice",
    "3328; 0 16462 TABLE DATA app My Table alice",
    ";3329; 0 0 ACL app TABLE t alice",
    "",
  ].join("\n");

  it("reads the header and the entries, leaving commented-out ones aside", () => {
    expect(parseTableOfContents(listing)).toEqual({
      database: "My DB",
      createdAt: "2026-11-26 01:01:16 UTC",
      serverVersion: "16.4",
      pgDumpVersion: "16.4 (Debian 16.4-1)",
      format: "CUSTOM",
      entries: [
        { dumpId: 6, text: "SCHEMA - app alice" },
        { dumpId: 223, text: "TABLE app My Table alice" },
        { dumpId: 3328, text: "TABLE DATA app My Table alice" },
      ],
    });
  });
});

describe("createDatabaseStatement", () => {
  it("keeps the replaced database's encoding and locale, and quotes names", () => {
    const like = { name: "x", owner: "o", encoding: "UTF8", collate: "C", ctype: "C", localeProvider: "c", locale: undefined };
    expect(createDatabaseStatement('My "DB"_restore_1', "App Owner", like)).toBe(
      `CREATE DATABASE "My ""DB""_restore_1" TEMPLATE template0 OWNER "App Owner" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' LOCALE_PROVIDER libc`,
    );
    expect(createDatabaseStatement("d", undefined, { ...like, localeProvider: "i", locale: "en-US" })).toBe(
      "CREATE DATABASE d TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'",
    );
    expect(createDatabaseStatement("d", undefined, { ...like, localeProvider: undefined })).toBe(
      "CREATE DATABASE d TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
    );
    expect(createDatabaseStatement("d", undefined, undefined)).toBe("CREATE DATABASE d TEMPLATE template0");
  });
});

describe("command lines", () => {
  const none = { host: undefined, port: undefined, username: undefined, password: undefined };

  it.each([
    [["shop"], { flags: none, dbname: "shop", output: undefined, directory: undefined, lockWaitTimeout: "30s" }],
    [
      ["-H", "db1", "-p", "5433", "-U", "me", "My DB", "-o", "x.dump"],
      {
        flags: { ...none, host: "db1", port: "5433", username: "me" },
        dbname: "My DB",
        output: "x.dump",
        directory: undefined,
        lockWaitTimeout: "30s",
      },
    ],
    [
      ["--directory", "/b", "--lock-wait-timeout", "0"],
      { flags: none, dbname: undefined, output: undefined, directory: "/b", lockWaitTimeout: "0" },
    ],
  ])("pgvc-backup %j", (argv, expected) => {
    expect(parseBackupArgs(argv)).toEqual(expected);
  });

  it.each([
    [
      ["f.dump"],
      {
        file: "f.dump",
        dbname: undefined,
        yes: false,
        dropOld: false,
        owner: undefined,
        role: undefined,
        jobs: undefined,
        safetyBackup: true,
        safetyDirectory: undefined,
      },
    ],
    [
      ["f.dump", "shop", "--yes", "--drop-old", "--owner", "shop", "--role", "shop", "-j", "4", "--no-safety-backup"],
      {
        file: "f.dump",
        dbname: "shop",
        yes: true,
        dropOld: true,
        owner: "shop",
        role: "shop",
        jobs: 4,
        safetyBackup: false,
        safetyDirectory: undefined,
      },
    ],
  ])("pgvc-restore %j", (argv, expected) => {
    expect(parseRestoreArgs(argv)).toEqual({ flags: none, ...expected });
  });

  it.each([
    [
      ["shop", "--", "./manage.py", "migrate", "--fake"],
      { dbname: "shop", command: ["./manage.py", "migrate", "--fake"], restoreOnFailure: false, expect: undefined },
    ],
    [
      ["--restore-on-failure", "--expect", "s.yaml", "--", "sh", "-c", "exit 1", "--", "x"],
      { dbname: undefined, command: ["sh", "-c", "exit 1", "--", "x"], restoreOnFailure: true, expect: "s.yaml" },
    ],
  ])("pgvc-guard %j", (argv, expected) => {
    expect(parseGuardArgs(argv)).toMatchObject(expected);
  });

  it.each<[() => unknown, string]>([
    [() => parseRestoreArgs([]), "missing FILE"],
    [() => parseRestoreArgs(["f", "--jobs", "0"]), "bad --jobs"],
    [() => parseBackupArgs(["--bogus"]), "unknown option"],
    [() => parseGuardArgs(["shop"]), "no command"],
  ])("refuses %#: %s", (parse) => {
    let thrown: unknown;
    try {
      parse();
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof UsageError || (thrown instanceof CommanderError && thrown.exitCode !== 0)).toBe(true);
  });
});
