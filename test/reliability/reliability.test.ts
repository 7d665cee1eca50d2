/**
 * The short form of `npm run reliability` (RELIABILITY_WEBHOOKS, 400 here unless told): hostile
 * deliveries change nothing, and a burst leaves open files and memory where they were.
 */
import { expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { measureReliability, reliabilityProblems } from "./measure";

const t = stackForThisFile();

it("refuses hostile deliveries, and holds open files and memory flat over a webhook burst with none lost", async () => {
  const webhooks = Number(process.env.RELIABILITY_WEBHOOKS ?? 400);
  const figures = await measureReliability(t.stack, t.db, webhooks, (timeoutMs) => t.settle(timeoutMs));
  expect(figures.hostile.rowsWritten).toBe(0);
  expect(figures.burst.lost).toBe(0);
  expect(reliabilityProblems(figures)).toEqual([]);
}, 300_000);
