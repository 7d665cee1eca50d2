/**
 * The Settings page against the built app: the loader and action over HTTP as
 * App Bridge's authenticated fetch calls them, and the page itself in Chromium
 * inside the sandbox admin shell.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT } from "../support/engine";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";
import { DEFAULT_SETTINGS_FORM } from "../support/settings-form";

const text = strings.settings;

let warehouse: string;

const t = stackForThisFile({ browser: true });
const { variantOf, addVariant, buy } = storyIn(t.shop);
const shopDomain = () => t.shop().domain;
const reconcileJobId = () => `${shopDomain()}|reconcile|${shopDomain()}`;

const VALID = DEFAULT_SETTINGS_FORM;

/** Posts the form the way the page does (single-fetch data request with a session token). */
async function postSettings(fields: Record<string, string>): Promise<{ status: number; body: string }> {
  const { status, text } = await t.request("/app/settings.data", { method: "POST", fields });
  return { status, body: text };
}

const storedSettings = () => t.db.shopSettings.findUniqueOrThrow({ where: { shop: shopDomain() } });
const comparable = async () => {
  const { updatedAt: _updatedAt, lastReconciledAt: _reconciled, timezone: _timezone, ...rest } = await storedSettings();
  return rest;
};

/** The app's storefront metafields on a variant, by key. */
const storefrontFields = (variantId: string) =>
  Object.fromEntries(variantOf(variantId).metafields.filter((field) => field.namespace.includes("backorder")).map((field) => [field.key, field.value]));

beforeAll(() => {
  warehouse = t.shop().addLocation("Warehouse");
});

describe("settings over HTTP", () => {
  it("loads the shop's settings for the form", async () => {
    const response = await t.request("/app/settings.data?_routes=routes/app.settings");
    const body = response.text;
    expect(response.status).toBe(200);
    for (const expected of ["hold_release", "ship_available_first", "tagged", "14"]) expect(body).toContain(expected);
  });

  it("refuses a request without a session token", async () => {
    const response = await fetch(`${t.stack.appUrl}/app/settings.data`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_USER_AGENT, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...VALID, fulfilmentMode: "hold_fulfil" }),
    });
    const body = await response.text();
    // The library sends it to log in; single fetch encodes that redirect as a 202 with the target.
    expect(response.status).toBe(202);
    expect(body).toContain("redirect");
    expect((await storedSettings()).fulfilmentMode).toBe("hold_release");
  });

  it("answers invalid settings with 400 and a message per field, and saves nothing", async () => {
    const before = await comparable();
    const jobBefore = await t.db.job.findUnique({ where: { id: reconcileJobId() } });

    const { status, body } = await postSettings({
      ...VALID,
      scopeKind: "tagged",
      scopeTag: " ",
      waitingCapPerVariant: "-2",
      defaultLeadTimeDays: "400",
      handlingDays: "soon",
      restockMessage: "x".repeat(201),
      soldOutMessage: "y".repeat(201),
      dateStyle: "fancy",
      fulfilmentMode: "teleport",
    });
    expect(status).toBe(400);
    for (const message of [
      text.errors.tagRequired,
      text.errors.between(0, 100_000),
      text.errors.between(0, 365),
      text.errors.wholeNumber,
      text.errors.tooLong(200),
      text.errors.fulfilmentMode,
      text.errors.dateStyle,
    ]) {
      expect(body).toContain(message);
    }
    for (const field of ["scopeTag", "waitingCapPerVariant", "defaultLeadTimeDays", "handlingDays", "restockMessage", "soldOutMessage", "dateStyle", "fulfilmentMode"]) expect(body).toContain(field);

    const chosen = await postSettings({ ...VALID, scopeKind: "chosen", scopeProductIds: "gid://shopify/Product/1, 42" });
    expect(chosen.status).toBe(400);
    expect(chosen.body).toContain(text.errors.productIds("42"));

    expect(await comparable()).toEqual(before);
    const jobAfter = await t.db.job.findUnique({ where: { id: reconcileJobId() } });
    expect(jobAfter?.updatedAt.getTime()).toBe(jobBefore?.updatedAt.getTime());
  });

  it("saves valid settings and reconciles every variant under the new rules", async () => {
    const lantern = addVariant("Settings Lantern", warehouse);
    const policy = () => variantOf(lantern).inventoryPolicy;
    await t.settle();
    // Every product may be back-ordered by default.
    expect(policy()).toBe("CONTINUE");

    const { status } = await postSettings({
      ...VALID,
      scopeKind: "tagged",
      scopeTag: " preorder ",
      waitingCapPerVariant: "5",
      defaultLeadTimeDays: "30",
      handlingDays: "2",
      restockMessage: "Back in spring",
      soldOutMessage: "Full until May",
      dateStyle: "short",
      fulfilmentMode: "ship_available_first",
    });
    expect(status).toBe(200);
    expect(await storedSettings()).toMatchObject({
      scopeKind: "tagged",
      scopeTag: "preorder",
      scopeProductIds: "[]",
      waitingCapPerVariant: 5,
      defaultLeadTimeDays: 30,
      handlingDays: 2,
      restockMessage: "Back in spring",
      soldOutMessage: "Full until May",
      dateStyle: "short",
      fulfilmentMode: "ship_available_first",
    });
    const job = await t.db.job.findUniqueOrThrow({ where: { id: reconcileJobId() } });
    expect(job).toMatchObject({ kind: "reconcile", subject: shopDomain(), source: "settings" });

    await t.settle();
    expect(await t.db.activity.count({ where: { shop: shopDomain(), kind: "reconcile", source: "settings" } })).toBeGreaterThan(0);
    // The lantern has no "preorder" tag: it goes back to the merchant's own policy.
    expect(policy()).toBe("DENY");

    // Blank cap and lead time clear them; chosen product ids are stored as JSON.
    const productId = variantOf(lantern).productId;
    const again = await postSettings({ ...VALID, scopeKind: "chosen", scopeProductIds: productId, defaultLeadTimeDays: "" });
    expect(again.status).toBe(200);
    expect(await storedSettings()).toMatchObject({
      scopeKind: "chosen",
      scopeProductIds: JSON.stringify([productId]),
      waitingCapPerVariant: null,
      defaultLeadTimeDays: null,
      restockMessage: null,
      soldOutMessage: null,
      dateStyle: "medium",
    });
    await t.settle();
    expect(policy()).toBe("CONTINUE");
  });

  it("tells the storefront the restock message while a variant takes back-orders, and the sold-out message once it reaches its cap", async () => {
    // No lead time, so no ships_on: the fields below are all there is.
    const { status } = await postSettings({ ...VALID, waitingCapPerVariant: "1", defaultLeadTimeDays: "", restockMessage: "Back in spring", soldOutMessage: "Full until May" });
    expect(status).toBe(200);
    const kettle = addVariant("Message Kettle", warehouse);
    const stove = addVariant("Message Stove", warehouse);
    await t.settle();
    expect(storefrontFields(kettle)).toEqual({ status: "backorder", message: "Back in spring" });

    // One waiting unit reaches the cap of 1: the kettle stops selling and says why.
    buy(kettle, "Ada");
    await t.settle();
    expect(storefrontFields(kettle)).toEqual({ status: "sold_out", message: "Full until May" });
    expect(storefrontFields(stove)).toEqual({ status: "backorder", message: "Back in spring" });

    // Without a sold-out message the storefront gets none (not the restock one).
    await postSettings({ ...VALID, waitingCapPerVariant: "1", defaultLeadTimeDays: "", restockMessage: "Back in spring" });
    await t.settle();
    expect(storefrontFields(kettle)).toEqual({ status: "sold_out" });
    await postSettings(VALID);
    await t.settle();
  });
});

describe("the Settings page in the admin shell", () => {
  it("changes the fulfilment mode and lead time through the save bar, confirms with a toast, and keeps them after a reload", async () => {
    await t.db.shopSettings.update({ where: { shop: shopDomain() }, data: { scopeKind: "all", fulfilmentMode: "hold_release", defaultLeadTimeDays: 14, handlingDays: 1 } });
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/settings");

    const leadTime = app.getByLabel(text.dates.leadTimeLabel);
    await leadTime.waitFor({ timeout: 30_000 });
    await expect(leadTime.inputValue()).resolves.toBe("14");
    await page.locator("#app-title", { hasText: text.title }).waitFor();
    const holdFulfil = app.getByRole("radio", { name: text.fulfilment.hold_fulfil });
    await expect(app.getByRole("radio", { name: text.fulfilment.hold_release }).isChecked()).resolves.toBe(true);

    // Nothing changed yet: no save bar.
    await expect(page.locator("#save-bar").isVisible()).resolves.toBe(false);
    // Polaris draws its own radio over the input: click the label, as a merchant does.
    await app.locator("label", { hasText: text.fulfilment.hold_fulfil }).click();
    await expect(holdFulfil.isChecked()).resolves.toBe(true);
    await leadTime.fill("21");
    const saveBar = page.locator("#save-bar");
    await saveBar.waitFor({ state: "visible" });
    await saveBar.getByRole("button", { name: "Save" }).click();

    await page.locator("#toasts .toast", { hasText: text.saved }).waitFor({ timeout: 15_000 });
    await saveBar.waitFor({ state: "hidden" });
    expect(await storedSettings()).toMatchObject({ fulfilmentMode: "hold_fulfil", defaultLeadTimeDays: 21 });

    await page.reload();
    await leadTime.waitFor({ timeout: 30_000 });
    await expect(leadTime.inputValue()).resolves.toBe("21");
    await expect(holdFulfil.isChecked()).resolves.toBe(true);

    // A bad value is refused with the message next to the field, and nothing is stored.
    const handling = app.getByLabel(text.dates.handlingLabel);
    await handling.fill("-1");
    await app.getByRole("button", { name: text.save, exact: true }).click();
    await app.getByText(text.errors.between(0, 60)).waitFor({ timeout: 15_000 });
    await expect(handling.getAttribute("aria-invalid")).resolves.toBe("true");
    expect((await storedSettings()).handlingDays).toBe(1);

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("chooses products in the admin's resource picker, saves their ids, and lists them by title after a reload", async () => {
    const kettle = variantOf(addVariant("Picker Kettle", warehouse));
    await t.db.shopSettings.update({ where: { shop: shopDomain() }, data: { scopeKind: "all", scopeProductIds: "[]" } });
    const { page, app, pageErrors } = await openAppPage(t.browser, t.stack, "/app/settings");
    const chosenList = app.getByRole("list", { name: text.scope.productsLabel });
    // Shopify admin draws the picker, outside the app's iframe.
    const picker = page.getByRole("dialog", { name: "Select products" });
    const kettleBox = picker.getByRole("checkbox", { name: "Picker Kettle", exact: true });
    const saveBar = page.locator("#save-bar");

    await app.locator("label", { hasText: text.scope.chosen }).click({ timeout: 30_000 });
    await app.getByText(text.scope.noProducts).waitFor();
    await app.getByRole("button", { name: text.scope.chooseProducts }).click();
    await picker.getByLabel("Search products").fill("kettle");
    await kettleBox.check();
    await picker.getByRole("button", { name: "Select", exact: true }).click();
    await chosenList.getByText("Picker Kettle").waitFor();
    await saveBar.getByRole("button", { name: "Save" }).click();
    await page.locator("#toasts .toast", { hasText: text.saved }).waitFor({ timeout: 15_000 });
    expect(await storedSettings()).toMatchObject({ scopeKind: "chosen", scopeProductIds: JSON.stringify([kettle.productId]) });

    // The title comes back from Shopify: the settings keep only the id.
    await page.reload();
    await chosenList.getByText("Picker Kettle").waitFor({ timeout: 30_000 });
    // The picker opens with what is chosen; cancelling changes nothing.
    await app.getByRole("button", { name: text.scope.changeProducts }).click();
    await expect.poll(() => kettleBox.isChecked()).toBe(true);
    await picker.getByRole("button", { name: "Cancel" }).click();
    await picker.waitFor({ state: "hidden" });
    await expect(saveBar.isVisible()).resolves.toBe(false);

    // Without any product the server refuses, and says so by the picker button.
    await app.getByRole("button", { name: text.scope.removeProduct("Picker Kettle") }).click();
    await app.getByText(text.scope.noProducts).waitFor();
    await saveBar.getByRole("button", { name: "Save" }).click();
    await app.getByText(text.errors.productsRequired).waitFor({ timeout: 15_000 });
    expect((await storedSettings()).scopeProductIds).toBe(JSON.stringify([kettle.productId]));
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
