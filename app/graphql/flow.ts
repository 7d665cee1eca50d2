/**
 * Shopify Flow: `flowTriggerReceive` starts the merchant's workflows that begin with one of the
 * app's trigger extensions (extensions/backorder-flow-*), by the trigger's handle, with a payload
 * whose keys are the extension's fields (https://shopify.dev/docs/apps/build/flow/triggers/reference).
 * There is no plural form, so several triggers share a request as aliases (10 points each, plus
 * `userErrors`), like the batched order writes (order-batches.ts). The document is built at run time,
 * so codegen cannot type it: the sandbox validates it against the real schema in the engine tests.
 */
import type { AdminClient } from "../shopify/admin-client.server";

/** Triggers per request: 25 × 11 requested points stays far under Shopify's 1,000 a query. */
export const FLOW_TRIGGERS_PER_REQUEST = 25;

export interface FlowTriggerAnswer {
  userErrors: readonly { field?: readonly string[] | null; message: string }[];
}

/** Sends the triggers in one request; each one's answer in order (null when Shopify gave none). */
export async function receiveFlowTriggers(admin: AdminClient, triggers: readonly { handle: string; payload: Record<string, unknown> }[]): Promise<(FlowTriggerAnswer | null)[]> {
  const declarations = triggers.map((_, index) => `$h${index}: String!, $p${index}: JSON!`).join(", ");
  const fields = triggers.map((_, index) => `t${index}: flowTriggerReceive(handle: $h${index}, payload: $p${index}) { userErrors { field message } }`).join("\n  ");
  const variables = Object.fromEntries(triggers.flatMap((trigger, index) => [[`h${index}`, trigger.handle], [`p${index}`, trigger.payload]]));
  const request = admin.request as unknown as (query: string, variables: Record<string, unknown>) => Promise<Record<string, FlowTriggerAnswer | null> | null>;
  const data = (await request(`mutation FlowTriggers(${declarations}) {\n  ${fields}\n}`, variables)) ?? {};
  return triggers.map((_, index) => data[`t${index}`] ?? null);
}
