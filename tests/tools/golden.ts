/**
 * Golden-file comparison. Files are rewritten only with UPDATE_GOLDEN=1 outside CI: CI must never
 * rewrite the expectation it is checking.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect } from "vitest";

/**
 * Whether `variable`=1 asks to rewrite an expectation (golden files, expected Articles, the corpus
 * floor). Refused when CI is set: CI must not rewrite what it checks; people review the change.
 */
export function shouldUpdate(variable: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const update = env[variable] === "1";
  if (update && env["CI"]) throw new Error(`${variable}=1 is refused when CI is set: CI must not rewrite the expectations it checks`);
  return update;
}

export const shouldUpdateGolden = (env: NodeJS.ProcessEnv = process.env): boolean => shouldUpdate("UPDATE_GOLDEN", env);

/** Compare `actual` byte-for-byte with the file at `path`, or write it when updating. */
export function expectGolden(path: string, actual: string): void {
  if (shouldUpdateGolden()) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual, "utf8");
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual, `golden file ${path} differs (UPDATE_GOLDEN=1 rewrites it after review)`).toBe(readFileSync(path, "utf8"));
}
