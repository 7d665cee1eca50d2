/** The merchant enables or disables Flow workflows through the sandbox's control API (which sends the app's lifecycle callback). */
import { expect } from "vitest";
import type { Stack } from "./stack";

export const BACKORDER_FLOW_HANDLES = ["backorder-started", "backorder-date-changed", "backorder-released"] as const;

/** Answers the app's status for the callback and whether the workflow is enabled in Flow afterwards. */
export async function setFlowWorkflow(stack: Stack, change: { handle: string; enabled: boolean; timestamp?: string }): Promise<{ status: number | null; enabled: boolean }> {
  const response = await fetch(`${stack.sandbox.url}/sandbox/flow/workflows`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(change) });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as { status: number | null; enabled: boolean };
}

/** Enables a workflow for each of the app's triggers; the app must have said yes to each. */
export async function enableAllFlowWorkflows(stack: Stack): Promise<void> {
  for (const handle of BACKORDER_FLOW_HANDLES) expect(await setFlowWorkflow(stack, { handle, enabled: true })).toEqual({ status: 200, enabled: true });
}
