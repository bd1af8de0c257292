import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

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
