/** Schema files written by hand for the end-to-end tests, and the migrations that build them. */

export const customerMigration = "CREATE SCHEMA app;\n\nCREATE TABLE app.customer (\n  id integer PRIMARY KEY,\n  name text NOT NULL\n);\n";
export const emailMigration = "ALTER TABLE app.customer ADD COLUMN email text;\n";

const customerTable = [
  "schema app:",
  "  table customer:",
  "    columns:",
  "    - id:",
  "        not_null: true",
  "        type: integer",
  "    - name:",
  "        not_null: true",
  "        type: text",
];
const customerKey = ["    primary_key:", "      customer_pkey:", "        columns:", "        - id"];

export const customerSchema = [...customerTable, ...customerKey, ""].join("\n");
export const customerEmailSchema = [...customerTable, "    - email:", "        type: text", ...customerKey, ""].join("\n");
export const customerPhoneSchema = [
  ...customerTable,
  "    - email:",
  "        type: text",
  "    - phone:",
  "        type: text",
  ...customerKey,
  "",
].join("\n");
