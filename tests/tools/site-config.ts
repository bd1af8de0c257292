import { readFileSync } from "node:fs";
import { loadConfig, type Config } from "../../src/config.ts";

/** The [vars] of wrangler.toml: the settings `npm start` serves with. */
export function wranglerVars(): Record<string, string> {
  const toml = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8");
  const section = /^\[vars\]\s*$([\s\S]*?)(?=^\[)/m.exec(toml)?.[1] ?? "";
  return Object.fromEntries([...section.matchAll(/^([A-Z_]+)\s*=\s*"([^"]*)"\s*$/gm)].map((m) => [m[1]!, m[2]!]));
}

export function defaultConfig(): Config {
  const loaded = loadConfig(wranglerVars());
  if (!loaded.ok) throw new Error(`wrangler.toml [vars] are invalid: ${JSON.stringify(loaded.issues)}`);
  return loaded.config;
}
