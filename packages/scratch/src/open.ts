import { openEmbeddedServer } from "./embedded.js";
import type { OpenOptions, ScratchConfig, ScratchServer } from "./server.js";
import { openUrlServer } from "./url.js";

/**
 * The server scratch databases are made on: the persistent embedded one of a
 * major version (initialised on first use in the user's cache, started on
 * demand, stopped after an idle time), or an existing server named by a URL.
 */
export async function openScratchServer(config: ScratchConfig, options: OpenOptions = {}): Promise<ScratchServer> {
  return config.kind === "url" ? openUrlServer(config.url, options) : openEmbeddedServer(config, options);
}
