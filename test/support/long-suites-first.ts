/**
 * The order Vitest starts test files in. With several files at once, a run ends when its last
 * long file does: these take minutes (they start the app and work through hundreds of orders), so
 * they start first. The rest follow Vitest's own order: by the last run's times when it knows them,
 * else the largest files first (a fresh clone, CI).
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

const LONG_SUITES = [
  "test/engine/scale-out.test.ts",
  "test/engine/event-cost.test.ts",
  "test/engine/burst-orders.test.ts",
  "test/engine/crash-recovery.test.ts",
  "test/engine/batch-writes.test.ts",
  "test/e2e/first-run.test.ts",
  "test/models/variants-at-scale.test.ts",
];

const rank = (file: TestSpecification) => {
  const index = LONG_SUITES.findIndex((suite) => file.moduleId.endsWith(suite));
  return index < 0 ? LONG_SUITES.length : index;
};

export default class LongSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: files of the same rank keep Vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
