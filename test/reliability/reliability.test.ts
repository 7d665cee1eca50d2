/**
 * The short form of `npm run reliability` (RELIABILITY_WEBHOOKS, 400 here unless told): hostile
 * deliveries change nothing, a burst leaves open files and memory where they were, a redacted
 * customer is found nowhere, and three kills during a restock in one mode lose and double nothing.
 */
import { expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { measureReliability, reliabilityProblems } from "./measure";

const t = stackForThisFile();

it("refuses hostile deliveries, holds flat over a burst, forgets a redacted customer, and survives kills mid-restock", async () => {
  const webhooks = Number(process.env.RELIABILITY_WEBHOOKS ?? 400);
  // ship_available_first: the crash-recovery test covers the other two modes.
  const crashes = { modes: ["ship_available_first"] as const, orders: 20, kills: 3, seed: 1 };
  const figures = await measureReliability(t.stack, t.db, { webhooks, crashes }, (timeoutMs) => t.settle(timeoutMs));
  expect(figures.hostile.rowsWritten).toBe(0);
  expect(figures.burst.lost).toBe(0);
  expect(figures.redact.hits).toEqual([]);
  expect(figures.crashes).toEqual([expect.objectContaining({ orders: 20, kills: 3, lost: 0, doubled: 0, deadLetters: 0 })]);
  expect(reliabilityProblems(figures)).toEqual([]);
}, 300_000);
