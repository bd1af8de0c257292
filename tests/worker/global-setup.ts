/**
 * Runs in Node before the worker project: starts the loopback stub servers (tests/tools/stub-servers.ts)
 * that code inside workerd reaches with its global fetch. Miniflare's outbound network allows private
 * addresses, 127.0.0.1 included (miniflare's "internet" service: allow public, private, 240.0.0.0/4).
 */
import type { TestProject } from "vitest/node";
import { startCorpusServer } from "../tools/corpus-server.ts";
import { startStubServers } from "../tools/stub-servers.ts";
import { startStubSite } from "../tools/stub-site.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the stub servers; see the route list in stub-servers.ts. */
    stubBaseUrl: string;
    /**
     * Another stub server on loopback, standing for a service on the operator's internal network:
     * tests allow only stubBaseUrl's port (OUTBOUND_ALLOW_PRIVATE), so this one must stay unreached.
     */
    internalBaseUrl: string;
    /** Two loopback stand-in news sites (two hosts) for pull mode; see tests/tools/stub-site.ts. */
    stubSiteUrl: string;
    stubSiteUrl2: string;
    /** `http://127.0.0.1:<port>` of the corpus pages and the feedparser reader (tests/tools/corpus-server.ts). */
    corpusBaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [stubs, internal, corpus] = await Promise.all([startStubServers(), startStubServers(), startCorpusServer()]);
  project.provide("stubBaseUrl", stubs.baseUrl);
  project.provide("internalBaseUrl", internal.baseUrl);
  // The ports vitest.config.mts chose and allowed (OUTBOUND_ALLOW_PRIVATE) for the stand-in sites.
  const ports = (process.env.WIREFEED_STUB_SITE_PORTS ?? "0,0").split(",").map(Number);
  const sites = await Promise.all(ports.map((port) => startStubSite(port)));
  project.provide("stubSiteUrl", sites[0]!.baseUrl);
  project.provide("stubSiteUrl2", sites[1]!.baseUrl);
  project.provide("corpusBaseUrl", corpus.baseUrl);
  return async () => {
    await Promise.all([stubs.close(), internal.close(), corpus.close(), ...sites.map((site) => site.close())]);
  };
}
