/**
 * Bulk operations in the sandbox as Shopify runs them: staged upload over HTTP, the run answered
 * at once and worked afterwards, JSONL results served at the operation's url, the finish webhook
 * signed like every other, five at a time, and no points taken from the bucket for the work.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../server";
import { verifyWebhookBody } from "../webhooks/sign";

type Body = { data?: any; errors?: any[]; extensions?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const SECRET = "bulk-test-secret";
const TAGS_ADD = `mutation tag($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } } }`;
const STAGE = `mutation { stagedUploadsCreate(input: [{ resource: BULK_MUTATION_VARIABLES, filename: "bulk_op_vars", mimeType: "text/jsonl", httpMethod: POST }]) { stagedTargets { url resourceUrl parameters { name value } } userErrors { message } } }`;
const RUN = `mutation run($mutation: String!, $path: String!) { bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path) { bulkOperation { id status } userErrors { field message code } } }`;
const RUN_QUERY = `mutation run($query: String!) { bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message code } } }`;
const READ = `query read($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount url partialDataUrl type } }`;

let sandbox: Sandbox;
let receiver: Server;
const deliveries: { topic: string; body: string; hmac: string }[] = [];

const run = async (query: string, variables?: Record<string, unknown>) => (await sandbox.adminApi.execute({ query, variables })).body as Body;

async function upload(lines: unknown[], tamper?: (form: FormData) => void): Promise<{ status: number; path: string }> {
  const target = (await run(STAGE)).data.stagedUploadsCreate.stagedTargets[0] as { url: string; parameters: { name: string; value: string }[] };
  const form = new FormData();
  for (const { name, value } of target.parameters) form.append(name, value);
  form.append("file", new Blob([lines.map((line) => JSON.stringify(line)).join("\n")]), "bulk_op_vars");
  tamper?.(form);
  const response = await fetch(target.url, { method: "POST", body: form });
  await response.arrayBuffer();
  return { status: response.status, path: target.parameters.find((p) => p.name === "key")!.value };
}

function orderIds(count: number): string[] {
  const variant = sandbox.shop.snapshot().variants.find((v) => v.levels.some((l) => l.available > count))!;
  return Array.from({ length: count }, (_, i) => sandbox.shop.placeOrder({ customer: { email: `b${i}@example.com` }, lines: [{ variantId: variant.id, quantity: 1 }] }).orderId);
}

const jsonl = async (url: string) => (await (await fetch(url)).text()).trim().split("\n").map((line) => JSON.parse(line) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      deliveries.push({ topic: String(req.headers["x-shopify-topic"]), body: Buffer.concat(chunks).toString("utf8"), hmac: String(req.headers["x-shopify-hmac-sha256"]) });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sandbox = await startSandbox({ app: { apiKey: "bulk-test-key", apiSecret: SECRET, appUrl, tomlPath: path.resolve("shopify.app.toml") }, seed: true });
});

afterAll(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

beforeEach(() => {
  sandbox.adminApi.setThrottle({ plan: "standard" });
  sandbox.adminApi.bulk.failNext(null);
});

describe("bulkOperationRunMutation", () => {
  it("runs each uploaded line through the shop's own mutation after answering, and serves one result line per input line", async () => {
    const ids = orderIds(3);
    const { status, path: stagedUploadPath } = await upload([...ids.map((id) => ({ id, tags: ["bulk"] })), { id: "gid://shopify/Order/1", tags: ["bulk"] }]);
    expect(status).toBe(201);
    const started = await run(RUN, { mutation: TAGS_ADD, path: stagedUploadPath });
    expect(started.data.bulkOperationRunMutation).toMatchObject({ bulkOperation: { status: "CREATED" }, userErrors: [] });
    // Answered before any line ran: the work happens outside the request.
    expect(sandbox.shop.snapshot().orders.filter((o) => o.tags.includes("bulk"))).toHaveLength(0);

    await sandbox.adminApi.bulk.idle();
    const id = started.data.bulkOperationRunMutation.bulkOperation.id as string;
    const done = (await run(READ, { id })).data.bulkOperation;
    expect(done).toMatchObject({ status: "COMPLETED", errorCode: null, objectCount: "4", type: "MUTATION", partialDataUrl: null });
    const lines = await jsonl(done.url);
    expect(lines.map((line) => line.__lineNumber)).toEqual([0, 1, 2, 3]);
    expect(lines.slice(0, 3).map((line) => line.data.tagsAdd)).toEqual(ids.map((orderId) => ({ node: { id: orderId }, userErrors: [] })));
    expect(lines[3]!.data.tagsAdd.userErrors).toHaveLength(1);
    expect(sandbox.shop.snapshot().orders.filter((o) => o.tags.includes("bulk")).map((o) => o.id).sort()).toEqual([...ids].sort());

    await sandbox.webhooks.idle();
    const finish = deliveries.filter((d) => d.topic === "bulk_operations/finish").map((d) => ({ ...d, payload: JSON.parse(d.body) }));
    const mine = finish.find((d) => d.payload.admin_graphql_api_id === id)!;
    expect(mine.payload).toMatchObject({ status: "completed", type: "mutation", error_code: null });
    expect(verifyWebhookBody(mine.body, SECRET, mine.hmac)).toBe(true);
  });

  it("does not take the work from the rate-limit bucket, only the run mutation itself", async () => {
    sandbox.adminApi.setThrottle({ maximumAvailable: 2000, restoreRate: 0 });
    const ids = orderIds(40);
    const { path: stagedUploadPath } = await upload(ids.map((id) => ({ id, tags: ["free"] })));
    const before = sandbox.adminApi.currentlyAvailable();
    const started = await run(RUN, { mutation: TAGS_ADD, path: stagedUploadPath });
    await sandbox.adminApi.bulk.idle();
    expect(sandbox.shop.snapshot().orders.filter((o) => o.tags.includes("free"))).toHaveLength(40);
    expect(before - sandbox.adminApi.currentlyAvailable()).toBe(started.extensions.cost.actualQueryCost);
  });

  it("refuses a sixth operation while five run, a missing file, a file that is not JSONL objects, and a document that is not one mutation", async () => {
    const ids = orderIds(1);
    const paths = await Promise.all(Array.from({ length: 6 }, () => upload([{ id: ids[0], tags: ["x"] }])));
    const answers = [];
    for (const { path: stagedUploadPath } of paths) answers.push((await run(RUN, { mutation: TAGS_ADD, path: stagedUploadPath })).data.bulkOperationRunMutation);
    expect(answers.slice(0, 5).every((a) => a.userErrors.length === 0)).toBe(true);
    expect(answers[5].userErrors).toEqual([{ field: null, message: "Bulk operations limit reached. Please try again later.", code: "LIMIT_REACHED" }]);
    await sandbox.adminApi.bulk.idle();

    expect((await run(RUN, { mutation: TAGS_ADD, path: "tmp/nothing/here" })).data.bulkOperationRunMutation.userErrors[0].code).toBe("NO_SUCH_FILE");
    const notJson = await upload(["just a string"]);
    expect((await run(RUN, { mutation: TAGS_ADD, path: notJson.path })).data.bulkOperationRunMutation.userErrors[0].code).toBe("INVALID_STAGED_UPLOAD_FILE");
    expect((await run(RUN, { mutation: "{ shop { id } }", path: paths[0]!.path })).data.bulkOperationRunMutation.userErrors[0].code).toBe("INVALID_MUTATION");
  });

  it("fails with partial data and says so in the finish webhook", async () => {
    const ids = orderIds(3);
    const { path: stagedUploadPath } = await upload(ids.map((id) => ({ id, tags: ["partial"] })));
    sandbox.adminApi.bulk.failNext({ afterLines: 2 });
    const id = (await run(RUN, { mutation: TAGS_ADD, path: stagedUploadPath })).data.bulkOperationRunMutation.bulkOperation.id as string;
    await sandbox.adminApi.bulk.idle();
    const failed = (await run(READ, { id })).data.bulkOperation;
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", url: null });
    expect((await jsonl(failed.partialDataUrl)).map((line) => line.__lineNumber)).toEqual([0, 1]);
    await sandbox.webhooks.idle();
    const payload = deliveries.map((d) => JSON.parse(d.body)).find((p) => p.admin_graphql_api_id === id);
    expect(payload).toMatchObject({ status: "failed", error_code: "internal_server_error" });
  });

  it("refuses an upload whose policy signature does not match", async () => {
    const { status } = await upload([{ id: "x" }], (form) => form.set("x-goog-signature", "0".repeat(64)));
    expect(status).toBe(403);
  });
});

describe("bulkOperationRunQuery", () => {
  it("writes every order, then its fulfillment orders and line items with __parentId", async () => {
    sandbox.shop.orderSearch.lagMs = 0; // the orders list is search-backed: let it see the new orders now
    const ids = orderIds(2);
    sandbox.shop.routing.routeAll(); // their fulfillment orders exist
    const query = `{ orders { edges { node { id name fulfillmentOrders { edges { node { id status } } } lineItems { edges { node { id quantity } } } } } } }`;
    const started = (await run(RUN_QUERY, { query })).data.bulkOperationRunQuery;
    expect(started).toMatchObject({ bulkOperation: { status: "CREATED" }, userErrors: [] });
    await sandbox.adminApi.bulk.idle();
    const done = (await run(READ, { id: started.bulkOperation.id })).data.bulkOperation;
    expect(done.status).toBe("COMPLETED");
    const lines = await jsonl(done.url);
    const roots = lines.filter((line) => line.__parentId === undefined);
    expect(Number(done.rootObjectCount)).toBe(roots.length);
    expect(Number(done.objectCount)).toBe(lines.length);
    for (const orderId of ids) {
      const children = lines.filter((line) => line.__parentId === orderId);
      expect(children.some((line) => String(line.id).includes("/FulfillmentOrder/"))).toBe(true);
      expect(children.some((line) => line.quantity === 1)).toBe(true);
      // A parent comes before its children; nested connections are not inside the parent's line.
      const parentIndex = lines.findIndex((line) => line.id === orderId);
      expect(parentIndex).toBeLessThan(lines.indexOf(children[0]!));
      expect(lines[parentIndex]).toEqual({ id: orderId, name: expect.any(String) });
    }
  });

  it("refuses a query without a connection, with a top-level nodes, or a nested connection whose parent has no id", async () => {
    const refusal = async (query: string) => (await run(RUN_QUERY, { query })).data.bulkOperationRunQuery.userErrors[0]?.code;
    expect(await refusal("{ shop { id } }")).toBe("INVALID");
    expect(await refusal(`{ nodes(ids: ["gid://shopify/Order/1"]) { id } }`)).toBe("INVALID");
    expect(await refusal("{ orders { edges { node { name lineItems { edges { node { id } } } } } } }")).toBe("INVALID");
  });
});
