import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends every run with one plain line, `wirefeed: N passed, N failed, N skipped`, the form CI reads
 * to tell a run that tested something from one that ran nothing.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
    }
    console.log(`wirefeed: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
