/**
 * Shopify Flow's side of `flowTriggerReceive`: the app's trigger extensions (`type = "flow_trigger"`
 * in extensions/<name>/shopify.extension.toml) say which handles exist and which payload each takes;
 * the triggers received are kept for tests and the control API (`GET /sandbox/flow-triggers`).
 *
 * Modelled on https://shopify.dev/docs/apps/build/flow/triggers/reference and the mutation's page
 * (https://shopify.dev/docs/api/admin-graphql/latest/mutations/flowTriggerReceive: `handle` and
 * `payload`, refusals as `userErrors`): the payload "must be under 50000 bytes"; reference fields
 * (`order_reference`, `product_reference`, `customer_reference`) arrive as `order_id`, `product_id`,
 * `customer_id` (Shopify CLI's serializeCommerceObjectField), other fields under their `key`. Flow
 * keeps no idempotency key, so a trigger sent twice runs the workflows twice: every call is recorded.
 * The harsher reading where the docs say nothing: a payload missing a field, naming one the
 * extension does not have, or of the wrong type is refused (Shopify's exact messages are not
 * documented; these are the sandbox's).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { sendJson, type Router } from "../http/router";

export const FLOW_PAYLOAD_MAX_BYTES = 50_000;

/** The field types the CLI accepts for triggers (Shopify/cli flow constants). */
const REFERENCE_TYPES = new Set(["customer_reference", "order_reference", "product_reference", "company_reference", "company_contact_reference"]);

export interface FlowTriggerField {
  type: string;
  key?: string;
}

export interface FlowTriggerDefinition {
  handle: string;
  name: string;
  fields: FlowTriggerField[];
}

export interface ReceivedFlowTrigger {
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

type UserError = { field: string[]; message: string };

/** The app's Flow trigger extensions, by handle. */
export function readFlowTriggerExtensions(extensionsDir: string): Map<string, FlowTriggerDefinition> {
  const found = new Map<string, FlowTriggerDefinition>();
  if (!existsSync(extensionsDir)) return found;
  for (const folder of readdirSync(extensionsDir).sort()) {
    const tomlPath = path.join(extensionsDir, folder, "shopify.extension.toml");
    if (!existsSync(tomlPath)) continue;
    const doc = parse(readFileSync(tomlPath, "utf8")) as { extensions?: Record<string, unknown>[]; settings?: { fields?: FlowTriggerField[] } };
    const extension = doc.extensions?.[0];
    if (extension?.type !== "flow_trigger" || typeof extension.handle !== "string") continue;
    found.set(extension.handle, { handle: extension.handle, name: String(extension.name ?? extension.handle), fields: doc.settings?.fields ?? [] });
  }
  return found;
}

/** The payload key a field arrives under. */
export const payloadKeyOf = (field: FlowTriggerField) => (REFERENCE_TYPES.has(field.type) ? `${field.type.replace(/_reference$/, "")}_id` : (field.key ?? ""));

function valueFits(field: FlowTriggerField, value: unknown): boolean {
  if (REFERENCE_TYPES.has(field.type)) return typeof value === "number" && Number.isInteger(value) && value > 0;
  switch (field.type) {
    case "number_decimal":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "email":
      return typeof value === "string" && /^[^@\s]+@[^@\s]+$/.test(value);
    default:
      return typeof value === "string";
  }
}

function payloadErrors(definition: FlowTriggerDefinition, payload: unknown): UserError[] {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return [{ field: ["payload"], message: "Payload must be a JSON object" }];
  const size = Buffer.byteLength(JSON.stringify(payload));
  if (size >= FLOW_PAYLOAD_MAX_BYTES) return [{ field: ["payload"], message: `Payload must be under ${FLOW_PAYLOAD_MAX_BYTES} bytes (was ${size})` }];
  const values = payload as Record<string, unknown>;
  const expected = new Map(definition.fields.map((field) => [payloadKeyOf(field), field]));
  const errors: UserError[] = [];
  for (const [key, field] of expected) {
    if (!(key in values)) errors.push({ field: ["payload", key], message: `Missing field ${key}` });
    else if (!valueFits(field, values[key])) errors.push({ field: ["payload", key], message: `Field ${key} is not a valid ${field.type}` });
  }
  for (const key of Object.keys(values)) if (!expected.has(key)) errors.push({ field: ["payload", key], message: `Trigger ${definition.handle} has no field ${key}` });
  return errors;
}

export interface FlowTriggers {
  definitions: Map<string, FlowTriggerDefinition>;
  received(): ReceivedFlowTrigger[];
  mutationRoot: { flowTriggerReceive(args: { handle?: string | null; payload?: unknown }): { userErrors: UserError[] } };
}

export function createFlowTriggers(extensionsDir: string, now: () => string): FlowTriggers {
  const definitions = readFlowTriggerExtensions(extensionsDir);
  const received: ReceivedFlowTrigger[] = [];
  return {
    definitions,
    received: () => received.map((trigger) => ({ ...trigger, payload: { ...trigger.payload } })),
    mutationRoot: {
      flowTriggerReceive: (args) => {
        const definition = args.handle ? definitions.get(args.handle) : undefined;
        if (!definition) return { userErrors: [{ field: ["handle"], message: `No Flow trigger extension with handle ${args.handle ?? "(none)"} in this app` }] };
        const errors = payloadErrors(definition, args.payload);
        if (errors.length > 0) return { userErrors: errors };
        received.push({ handle: definition.handle, payload: args.payload as Record<string, unknown>, receivedAt: now() });
        return { userErrors: [] };
      },
    },
  };
}

/** `GET /sandbox/flow-triggers`: every trigger Flow accepted, oldest first. */
export function registerFlowTriggerRoutes(router: Router, flow: FlowTriggers): void {
  router.on("GET", "/sandbox/flow-triggers", ({ res }) => sendJson(res, 200, { triggers: flow.received(), handles: [...flow.definitions.keys()] }));
}
