/**
 * The app's record of its bulk operations, on a real SQLite database against the sandbox over
 * HTTP: started and recorded, ended by the job bulk_operations/finish queues, a duplicate
 * delivery changing nothing, and each line's result read from where the record points.
 */
import type { Job } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordBulkOperationEnd, startRecordedBulkMutation } from "../../app/engine/bulk-operations.server";
import { engineContext, type EngineContext } from "../../app/engine/context.server";
import { loadSettings } from "../../app/engine/settings.server";
import { ADD_TAGS } from "../../app/graphql/mutations";
import { runJob } from "../../app/jobs/handlers.server";
import { createAdminClient } from "../../app/shopify/admin-client.server";
import { bulkMutationResults, type BulkOperationStatus } from "../../app/shopify/bulk-operations.server";
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from "../sandbox/auth/access-tokens";
import type { ShopEvent } from "../sandbox/state/contract";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { databaseForEachTest } from "../support/database-per-test";
import { TEST_APP, TOML_PATH } from "../support/stack";

let sandbox: Sandbox;
let accessToken: string;
const events: ShopEvent[] = [];
const previousSandboxUrl = process.env.SHOPIFY_SANDBOX_URL;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, app: { ...TEST_APP, appUrl: "http://127.0.0.1:9", tomlPath: TOML_PATH }, seed: true });
  process.env.SHOPIFY_SANDBOX_URL = sandbox.url;
  sandbox.shop.onEvent((event) => events.push(event));
  const response = await fetch(`${sandbox.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Sandbox-Shop": sandbox.shop.domain },
    body: JSON.stringify({ client_id: TEST_APP.apiKey, client_secret: TEST_APP.apiSecret, grant_type: TOKEN_EXCHANGE_GRANT, subject_token: await sandbox.mintSessionToken(), subject_token_type: ID_TOKEN_TYPE, requested_token_type: OFFLINE_TOKEN_TYPE }),
  });
  accessToken = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  if (previousSandboxUrl === undefined) delete process.env.SHOPIFY_SANDBOX_URL;
  else process.env.SHOPIFY_SANDBOX_URL = previousSandboxUrl;
  await sandbox?.close();
});

describe("recorded bulk operations", () => {
  const t = databaseForEachTest();

  async function context(): Promise<EngineContext> {
    const shop = sandbox.shop.domain;
    // Installed: the app holds the shop's offline session.
    await t.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken } });
    return engineContext({ db: t.db, shop, admin: createAdminClient({ shop, accessToken }), settings: await loadSettings(t.db, shop), source: "test" });
  }

  const orders = (count: number) => sandbox.shop.snapshot().orders.slice(0, count).map((o) => o.id);

  it("records the start, and the end once the finish webhook's job ran, however often it is delivered", async () => {
    const ctx = await context();
    const ids = orders(3);
    const operationId = await startRecordedBulkMutation(ctx, "tag", ADD_TAGS, ids.map((id) => ({ id, tags: ["recorded"] })));
    expect(await t.db.bulkOperationRun.findUniqueOrThrow({ where: { operationId } })).toMatchObject({ shop: ctx.shop, purpose: "tag", lines: 3, status: "CREATED", finishedAt: null });

    await sandbox.adminApi.bulk.idle();
    const finish = events.find((e) => e.topic === "bulk_operations/finish" && e.payload.admin_graphql_api_id === operationId)!;
    await t.db.webhookDelivery.create({ data: { webhookId: "finish-1", shop: ctx.shop, topic: finish.topic, apiVersion: "2026-10", payload: JSON.stringify(finish.payload) } });
    await runJob(ctx, { kind: "delivery", subject: "finish-1" } as Job);
    const queued = await t.db.job.findFirstOrThrow({ where: { kind: "bulk-operation-finished" } });
    expect(queued.subject).toBe(operationId);

    await runJob(ctx, queued);
    const ended = await t.db.bulkOperationRun.findUniqueOrThrow({ where: { operationId } });
    expect(ended).toMatchObject({ status: "COMPLETED", errorCode: null, objectCount: 3, partialDataUrl: null });
    expect(ended.finishedAt).toBeInstanceOf(Date);

    // A second delivery of the same webhook: the record stays as the first one left it.
    await recordBulkOperationEnd(ctx, operationId);
    expect(await t.db.bulkOperationRun.findUniqueOrThrow({ where: { operationId } })).toEqual(ended);

    const results = await bulkMutationResults({ id: operationId, status: ended.status as BulkOperationStatus, errorCode: ended.errorCode, objectCount: ended.objectCount, url: ended.url, partialDataUrl: ended.partialDataUrl });
    expect([...results.values()].map((r) => (r.data?.tagsAdd as { userErrors: unknown[] }).userErrors)).toEqual([[], [], []]);
  });

  it("records a failed operation with where its partial results are", async () => {
    const ctx = await context();
    sandbox.adminApi.bulk.failNext({ afterLines: 1 });
    const operationId = await startRecordedBulkMutation(ctx, "tag", ADD_TAGS, orders(2).map((id) => ({ id, tags: ["partly"] })));
    await sandbox.adminApi.bulk.idle();
    await recordBulkOperationEnd(ctx, operationId);
    const ended = await t.db.bulkOperationRun.findUniqueOrThrow({ where: { operationId } });
    expect(ended).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", url: null, objectCount: 1 });
    expect(ended.partialDataUrl).toMatch(/-partial\.jsonl$/);
  });
});
