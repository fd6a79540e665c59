export * from "./errors.js";
export * from "./quote.js";
export * from "./redact.js";
export * from "./pgpass.js";
export * from "./connection.js";
export * from "./db.js";
export * from "./cli.js";
export * from "./output.js";
export { isQuotingKeyword } from "./keywords.js";
