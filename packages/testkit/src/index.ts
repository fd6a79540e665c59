export * from "./binaries.js";
export * from "./server.js";
export * from "./databases.js";
