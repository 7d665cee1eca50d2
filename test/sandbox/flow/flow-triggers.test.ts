import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAdminApi } from "../admin-api/execute";
import { SandboxShop } from "../state/shop";
import { createFlowTriggers, FLOW_PAYLOAD_MAX_BYTES, payloadKeyOf } from "./flow-triggers";

const EXTENSIONS = path.resolve(import.meta.dirname, "../../../extensions");
const MUTATION = `mutation Fire($handle: String!, $payload: JSON!) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }`;

const started = {
  order_id: 1012,
  product_id: 77,
  "Order name": "#1012",
  "Variant ID": "gid://shopify/ProductVariant/5",
  "Variant title": "Lamp",
  SKU: "LAMP",
  "Units waiting": 2,
  "Ships on": "2026-12-24",
};

function flowApi() {
  const flow = createFlowTriggers(EXTENSIONS, () => "2026-11-29T12:00:00Z");
  const api = createAdminApi(new SandboxShop({ domain: "flow.myshopify.com", name: "Flow" }), { flowTriggers: flow.mutationRoot });
  const fire = async (handle: string, payload: unknown) => {
    const response = await api.execute({ query: MUTATION, variables: { handle, payload } });
    return (response.body as { data: { flowTriggerReceive: { userErrors: { field: string[]; message: string }[] } } }).data.flowTriggerReceive.userErrors;
  };
  return { flow, fire };
}

describe("flowTriggerReceive in the sandbox", () => {
  it("knows the app's three trigger extensions and the payload keys their fields take", () => {
    const { flow } = flowApi();
    expect([...flow.definitions.keys()].sort()).toEqual(["backorder-date-changed", "backorder-released", "backorder-started"]);
    expect(flow.definitions.get("backorder-started")!.fields.map(payloadKeyOf)).toEqual(Object.keys(started));
  });

  it("records a trigger whose payload matches its extension, every time it is sent", async () => {
    const { flow, fire } = flowApi();
    expect(await fire("backorder-started", started)).toEqual([]);
    expect(await fire("backorder-started", started)).toEqual([]);
    expect(flow.received()).toEqual([
      { handle: "backorder-started", payload: started, receivedAt: "2026-11-29T12:00:00Z" },
      { handle: "backorder-started", payload: started, receivedAt: "2026-11-29T12:00:00Z" },
    ]);
  });

  it("refuses an unknown handle, a missing, extra or mistyped field, and a payload of 50,000 bytes or more, recording nothing", async () => {
    const { flow, fire } = flowApi();
    expect((await fire("backorder-shipped", started))[0]!.field).toEqual(["handle"]);
    const { SKU: _sku, ...missing } = started;
    expect((await fire("backorder-started", missing))[0]!.field).toEqual(["payload", "SKU"]);
    expect((await fire("backorder-started", { ...started, Colour: "red" }))[0]!.field).toEqual(["payload", "Colour"]);
    expect((await fire("backorder-started", { ...started, order_id: "gid://shopify/Order/1012" }))[0]!.field).toEqual(["payload", "order_id"]);
    expect((await fire("backorder-started", { ...started, "Units waiting": "2" }))[0]!.field).toEqual(["payload", "Units waiting"]);
    const big = { ...started, "Variant title": "x".repeat(FLOW_PAYLOAD_MAX_BYTES) };
    expect((await fire("backorder-started", big))[0]!.message).toContain("under 50000 bytes");
    expect(flow.received()).toEqual([]);
  });
});
