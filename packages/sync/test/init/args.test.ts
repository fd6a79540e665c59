import { describe, expect, it } from "vitest";
import { parseInitArgs } from "../../src/init/args.js";

describe("pgvc init's arguments", () => {
  const cases: [string[], Record<string, unknown>][] = [
    [[], { owner: undefined, privileges: undefined, hook: "auto", server: "embedded", version: undefined, dryRun: false }],
    [["--no-owner", "--privileges"], { owner: false, privileges: true }],
    [["--sql", "db", "--layout", "dbmate", "--hook", "git", "--dry-run"], { sql: "db", layout: "dbmate", hook: "git", dryRun: true }],
    [
      ["--command", "python3 manage.py migrate", "--watch", "a/*.py", "b/*.py"],
      { command: "python3 manage.py migrate", watch: ["a/*.py", "b/*.py"] },
    ],
    [["--server", "postgres://h/db", "--version", "14"], { server: "postgres://h/db", version: 14 }],
  ];
  it.each(cases)("%j", (argv, expected) => {
    expect(parseInitArgs(argv, "/repo")).toMatchObject({ cwd: "/repo", ...expected });
  });

  const refused: [string[], RegExp][] = [
    [["--layout", "dbmate"], /--layout needs --sql/],
    [["--watch", "*.py"], /--watch needs --command/],
    [["--command", "make migrate"], /--command needs --watch/],
    [["--version", "13"], /expected one of 14, 15, 16, 17, 18/],
    [["--hook", "lefthook"], /Allowed choices are auto, husky, git, none/],
  ];
  it.each(refused)("refuses %j", (argv, message) => {
    const write = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(() => parseInitArgs(argv, "/repo")).toThrow(message);
    } finally {
      process.stderr.write = write;
    }
  });
});
