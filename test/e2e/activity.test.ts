/**
 * The Activity page in Chromium in the admin shell: every automatic action with
 * the webhook that caused it, a failed task the merchant retries, Resync now.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { openAppPage, storyIn } from "../support/shop-story";
import { stackForThisFile } from "../support/installed-stack";
import { strings } from "../../app/i18n/strings";

let warehouse: string;

const t = stackForThisFile({ browser: true, env: { BACKORDER_WORKER_MAX_ATTEMPTS: "2" } });
const shop = t.shop;
const { addVariant, buy, variantOf } = storyIn(shop);

beforeAll(() => {
  warehouse = shop().addLocation("Warehouse");
});

describe("the Activity page", () => {
  it("shows what the app did and the webhook behind it; a failed task is retried and a resync runs from the page", async () => {
    const lamp = addVariant("Activity Lamp", warehouse, 1);
    await t.settle();
    buy(lamp, "Ada");
    await t.settle();
    const marked = await t.db.activity.findFirstOrThrow({ where: { kind: "variant.policy", subject: lamp }, orderBy: { id: "desc" } });
    const cause = await t.db.webhookDelivery.findUniqueOrThrow({ where: { webhookId: marked.source! } });

    // A task that keeps failing becomes a dead letter.
    const tent = addVariant("Activity Tent", warehouse, 1);
    await t.settle();
    t.stack.sandbox.adminApi.failNext(1_000, 401);
    buy(tent, "Grace");
    await t.settle();
    expect(await t.db.job.count({ where: { status: "dead", subject: tent } })).toBe(1);
    t.stack.sandbox.adminApi.failNext(0);

    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/activity");
    // In words; the webhook's id one click away, in the technical details.
    const row = app.getByRole("row", { name: /Activity Lamp is out of stock and now takes back-orders\./ }).first();
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toContain("Back-orders turned on");
    // The webhook's topic in words ("Shopify: stock changed"), not its code.
    const causeWords = strings.activity.causes.webhook(cause.topic);
    expect(causeWords).not.toContain(cause.topic);
    await expect(row.innerText()).resolves.toContain(causeWords);
    await expect(row.getByText(cause.webhookId).isVisible()).resolves.toBe(false);
    await row.getByText(strings.activity.technical).click();
    await row.getByText(cause.webhookId, { exact: false }).waitFor();
    await expect(row.getByText(lamp, { exact: true }).isVisible()).resolves.toBe(true);

    // The variant's sync and the expansion of its order's routing webhook both gave up.
    const dead = await t.db.job.findMany({ where: { status: "dead" }, orderBy: { id: "asc" } });
    expect(dead.length).toBeGreaterThanOrEqual(1);
    await app.getByText(strings.activity.deadTitle(dead.length)).waitFor();
    await expect(app.getByText(`${dead.length} ${dead.length === 1 ? "task failed and needs" : "tasks failed and need"} attention`).count()).resolves.toBe(1);
    // Each failed task says in words what it was doing.
    expect(dead.some((job) => job.kind === "sync-variant" && job.subject === tent)).toBe(true);
    // (Its title shows once the app has synced the variant before; the tent's first sync is the one that failed.)
    await app.getByRole("button", { name: /^Retry checking a variant with Shopify/ }).first().waitFor();
    // Retried one by one from the top of the list, each leaving it once queued again.
    const retryButtons = app.getByRole("button", { name: /^Retry / });
    for (let left = dead.length; left > 0; left--) {
      await retryButtons.first().click();
      await expect.poll(() => t.db.job.count({ where: { status: "dead" } }), { timeout: 30_000 }).toBe(left - 1);
      await expect.poll(() => retryButtons.count(), { timeout: 30_000 }).toBe(left - 1);
    }
    await page.getByText("Queued again.").first().waitFor({ timeout: 30_000 });
    await t.settle();
    expect(await t.db.job.count({ where: { status: "dead" } })).toBe(0);
    expect(variantOf(tent).inventoryPolicy).toBe("CONTINUE");

    const before = (await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop().domain } })).lastReconciledAt;
    await app.getByRole("button", { name: "Resync now" }).click();
    await page.getByText("A full resync has started.").first().waitFor({ timeout: 30_000 });
    await t.settle();
    const after = (await t.db.shopSettings.findUniqueOrThrow({ where: { shop: shop().domain } })).lastReconciledAt;
    expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
    // The resync's own entry names the merchant as its cause.
    await page.reload();
    await app.getByText("Your action in the app").first().waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
