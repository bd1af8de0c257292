import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { createServer } from "node:net";
import { defineConfig } from "vitest/config";

/** A free loopback port (the OS picks one; it is released at once for the stub site to take). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
// Pull mode's stand-in news sites (tests/tools/stub-site.ts) listen on these ports, which the worker's
// OUTBOUND_ALLOW_PRIVATE allows: the Worker's own queue consumer gets the configured env, not a test's.
const stubSitePorts = [await freePort(), await freePort()];
process.env.WIREFEED_STUB_SITE_PORTS = stubSitePorts.join(",");

// Two projects: `unit` runs the pure core (extract, model, render) and the tools that need Node
// (golden files, python3-feedparser, the CLI); `worker` runs the app inside workerd with a local D1,
// as in production.
export default defineConfig({
  test: {
    reporters: ["default", "./tests/tools/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/worker/**"],
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            main: "./src/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                INGEST_TOKEN: "test-ingest-token",
                // Tests that measure photos turn this on against a loopback image server.
                MEASURE_IMAGES: "false",
                // Canonical URLs on these hosts may name (and so update) an existing article; tests of
                // untrusted canonical links use other hosts (tests/worker/identity.test.ts).
                PUBLISHER_HOSTS: "news.example.com, n.example",
                OUTBOUND_ALLOW_PRIVATE: stubSitePorts.map((port) => `127.0.0.1:${port}`).join(","),
                // Partner profiles of tests/worker/partners*.test.ts (keys alpha-key-1/-2, beta-key, gamma-key).
                PARTNERS: (await import("node:fs")).readFileSync("./tests/partners/profiles.json", "utf8"),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["tests/worker/**/*.test.ts"],
          setupFiles: ["./tests/worker/apply-migrations.ts"],
          // Loopback stub servers (images, WebSub hub) run in Node; tests get their URL by inject("stubBaseUrl").
          globalSetup: ["./tests/worker/global-setup.ts"],
        },
      },
    ],
  },
});
