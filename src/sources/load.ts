// Sources the deployment follows from the start, beside those added through the API.
import COMMITTED_SOURCES from "../../config/sources.json";
import type { SourceStore } from "../store/source-store.ts";
import { addConfiguredSources, parseSourcesFile } from "./manage.ts";

const added = new WeakSet<object>();

/**
 * Stores the sources of config/sources.json that are not stored yet, once per isolate and D1
 * binding. A bad file is logged and adds nothing (the API and other sources keep working).
 */
export async function ensureConfiguredSources(db: D1Database, store: SourceStore, now: string): Promise<void> {
  if (added.has(db)) return;
  const file = parseSourcesFile(COMMITTED_SOURCES);
  if (!file.ok) {
    console.error(`wirefeed: invalid config/sources.json: ${file.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  } else {
    await addConfiguredSources(store, file.sources, now);
  }
  added.add(db);
}
