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
    /**
     * Another stub server on loopback, standing for a service on the operator's internal network:
     * tests allow only stubBaseUrl's port (OUTBOUND_ALLOW_PRIVATE), so this one must stay unreached.
     */
    internalBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [stubs, internal] = await Promise.all([startStubServers(), startStubServers()]);
  project.provide("stubBaseUrl", stubs.baseUrl);
  project.provide("internalBaseUrl", internal.baseUrl);
  return async () => {
    await Promise.all([stubs.close(), internal.close()]);
  };
}
