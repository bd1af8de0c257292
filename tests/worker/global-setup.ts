/**
 * Runs in Node before the worker project: starts the loopback stub servers (tests/tools/stub-servers.ts)
 * that code inside workerd reaches with its global fetch. Miniflare's outbound network allows private
 * addresses, 127.0.0.1 included (miniflare's "internet" service: allow public, private, 240.0.0.0/4).
 */
import type { TestProject } from "vitest/node";
import { startStubServers } from "../tools/stub-servers.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the stub servers; see the route list in stub-servers.ts. */
    stubBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stubs = await startStubServers();
  project.provide("stubBaseUrl", stubs.baseUrl);
  return () => stubs.close();
}
