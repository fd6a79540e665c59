// Extended statistics, migrated on a real server and read back.
import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

const base = `CREATE SCHEMA app;
CREATE TABLE app.address (id integer PRIMARY KEY, city text, zip text, country text);
`;
const cityZip = `${base}CREATE STATISTICS app.city_zip (ndistinct) ON city, zip FROM app.address;`;

describe("extended statistics", () => {
  it("creates statistics with kinds, columns, expressions, a target and a comment", async () => {
    const after = `${base}CREATE STATISTICS app.city_zip (ndistinct, dependencies) ON zip, city FROM app.address;
      ALTER STATISTICS app.city_zip SET STATISTICS 500;
      COMMENT ON STATISTICS app.city_zip IS 'zip implies city';
      CREATE STATISTICS app.country_mcv (mcv) ON country, lower(city), (zip || country) FROM app.address;
      CREATE STATISTICS app.all_kinds ON city, country FROM app.address;
      CREATE STATISTICS app.one_expression ON (lower(zip)) FROM app.address;`;
    expect((await roundTrip(base, after)).sql).toEqual([
      "CREATE STATISTICS app.all_kinds ON city, country FROM app.address",
      "CREATE STATISTICS app.city_zip (ndistinct, dependencies) ON city, zip FROM app.address",
      "ALTER STATISTICS app.city_zip SET STATISTICS 500",
      "COMMENT ON STATISTICS app.city_zip IS 'zip implies city'",
      "CREATE STATISTICS app.country_mcv (mcv) ON country, lower(city), ((zip || country)) FROM app.address",
      "CREATE STATISTICS app.one_expression ON lower(zip) FROM app.address",
    ]);
  });

  it("drops statistics", async () => {
    expect((await roundTrip(cityZip, base)).sql).toEqual(["DROP STATISTICS app.city_zip"]);
  });

  it("changes and resets the statistics target", async () => {
    const target = (n: number) => `${cityZip} ALTER STATISTICS app.city_zip SET STATISTICS ${n};`;
    expect((await roundTrip(cityZip, target(200))).sql).toEqual(["ALTER STATISTICS app.city_zip SET STATISTICS 200"]);
    expect((await roundTrip(target(200), cityZip)).sql).toEqual(["ALTER STATISTICS app.city_zip SET STATISTICS -1"]);
  });

  it("drops and creates redefined statistics", async () => {
    const after = `${base}CREATE STATISTICS app.city_zip (ndistinct, mcv) ON city, zip, country FROM app.address;`;
    expect((await roundTrip(cityZip, after)).sql).toEqual([
      "DROP STATISTICS app.city_zip",
      "CREATE STATISTICS app.city_zip (ndistinct, mcv) ON city, zip, country FROM app.address",
    ]);
  });

  it("renames statistics (oldname)", async () => {
    const after = cityZip.replace("app.city_zip", "app.city_zip_stats");
    const { sql } = await roundTrip(cityZip, after, {
      editTarget: (to) => {
        const stats = to.schemas.app?.tables?.address?.statistics?.city_zip_stats;
        if (stats) (stats as { oldname?: string }).oldname = "city_zip";
      },
    });
    expect(sql).toEqual(["ALTER STATISTICS app.city_zip RENAME TO city_zip_stats"]);
  });
});

describe("extended statistics and dropped columns", () => {
  it("drops statistics before a column they use (the column's drop would take them)", async () => {
    const after = `CREATE SCHEMA app;
      CREATE TABLE app.address (id integer PRIMARY KEY, city text, country text);
      CREATE STATISTICS app.city_zip (ndistinct) ON city, country FROM app.address;`;
    const { sql } = await roundTrip(cityZip, after);
    expect(sql).toEqual([
      "DROP STATISTICS app.city_zip",
      "ALTER TABLE app.address DROP COLUMN zip",
      "CREATE STATISTICS app.city_zip (ndistinct) ON city, country FROM app.address",
    ]);
  });
});

describe("extended statistics on materialized views", () => {
  it("creates them after the materialized view", async () => {
    const after = `${base}CREATE MATERIALIZED VIEW app.places AS SELECT city, zip FROM app.address;
      CREATE STATISTICS app.places_stats (dependencies) ON city, zip FROM app.places;`;
    const { sql } = await roundTrip(base, after);
    expect(sql.map((s) => s.split("\n")[0])).toEqual([
      "CREATE MATERIALIZED VIEW app.places AS",
      "CREATE STATISTICS app.places_stats (dependencies) ON city, zip FROM app.places",
    ]);
  });
});
