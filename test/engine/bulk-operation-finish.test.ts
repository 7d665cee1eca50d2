/**
 * bulk_operations/finish end to end: the sandbox sends it to the app's route when a bulk
 * operation ends, and the app's worker records how it ended, read back from Shopify.
 */
import { describe, expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";

const TAGS_ADD = `mutation tag($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { userErrors { message } } }`;

describe("bulk_operations/finish", () => {
  const t = stackForThisFile({ seed: true });

  it("reaches the app, which records the operation's end from Shopify's answer", async () => {
    const api = t.stack.sandbox.adminApi;
    const run = async (query: string, variables?: Record<string, unknown>) => (await api.execute({ query, variables })).body as { data: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const staged = (await run(`mutation { stagedUploadsCreate(input: [{ resource: BULK_MUTATION_VARIABLES, filename: "vars", mimeType: "text/jsonl", httpMethod: POST }]) { stagedTargets { url parameters { name value } } } }`)).data.stagedUploadsCreate.stagedTargets[0] as { url: string; parameters: { name: string; value: string }[] };
    const form = new FormData();
    for (const { name, value } of staged.parameters) form.append(name, value);
    const orderIds = t.shop().snapshot().orders.slice(0, 2).map((o) => o.id);
    form.append("file", new Blob([orderIds.map((id) => JSON.stringify({ id, tags: ["finish-test"] })).join("\n")]));
    expect((await fetch(staged.url, { method: "POST", body: form })).status).toBe(201);
    const key = staged.parameters.find((p) => p.name === "key")!.value;
    const operationId = (await run(`mutation($m: String!, $p: String!) { bulkOperationRunMutation(mutation: $m, stagedUploadPath: $p) { bulkOperation { id } } }`, { m: TAGS_ADD, p: key })).data.bulkOperationRunMutation.bulkOperation.id as string;

    await api.bulk.idle();
    await t.settle();
    const delivery = t.stack.sandbox.webhooks.deliveries().find((d) => d.topic === "bulk_operations/finish");
    expect(delivery?.statusCodes).toEqual([200]);
    expect(await t.db.bulkOperationRun.findUnique({ where: { operationId } })).toMatchObject({ status: "COMPLETED", objectCount: 2, purpose: null, finishedAt: expect.any(Date) });
  });
});
