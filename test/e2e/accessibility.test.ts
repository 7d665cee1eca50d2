/**
 * WCAG 2.1 A/AA with axe-core in Chromium: the admin pages inside the sandbox
 * admin shell (empty, with data, and with their interactive parts open), the
 * shell itself, and the storefront product page with the back-order badge.
 * One stack and one browser; the shop is empty at first, then gets back orders.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openPage } from "../support/browser";
import { assertAccessible, axeViolations, type AxeException } from "../support/axe";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage, storyIn } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";

const t = stackForThisFile({ browser: true });
const shop = t.shop;
const { addVariant, buy } = storyIn(shop);
const numeric = (gid: string) => gid.split("/").pop()!;

/** Faults of Polaris itself, not of how the app uses it. */
const POLARIS_EXCEPTIONS: AxeException[] = [
  {
    rule: "aria-conditional-attr",
    selector: 'input[type="checkbox"].Polaris-Checkbox__Input--indeterminate[aria-checked="mixed"]',
    reason:
      "Polaris 13's Checkbox shows a partial selection (IndexTable's select-all) with aria-checked=\"mixed\" and an indeterminate *attribute* on a native checkbox, " +
      "never setting the indeterminate property; the app cannot reach that input.",
  },
];

/** Opens an app path in the admin shell and waits until the page's title is shown (by the admin, from the App Bridge title bar: the page's one title). */
async function openAdminPage(path: string, heading: string): Promise<{ page: Page; app: Frame }> {
  const { page } = await openAppPage(t.browser, t.stack, path);
  const app = page.frame({ name: "app-iframe" });
  if (!app) throw new Error("The admin shell has no app iframe");
  await page.getByRole("heading", { name: heading, level: 1, exact: true }).waitFor({ timeout: 30_000 });
  // The app's document does not repeat it.
  expect(await app.getByRole("heading", { level: 1 }).count()).toBe(0);
  return { page, app };
}

const checkApp = (app: Frame, where: string) => assertAccessible(app, where, POLARIS_EXCEPTIONS);

/** Opens an admin page, waits for content that shows it is in the state meant, checks the app's document, closes it. */
async function checkAdminPage(path: string, heading: string, content: string): Promise<void> {
  const { page, app } = await openAdminPage(path, heading);
  await app.getByText(content).first().waitFor();
  await checkApp(app, path);
  await page.close();
}

describe("the check itself", () => {
  it("finds a known violation: an image without alt text and a button without a name", async () => {
    const page = await openPage(t.browser);
    await page.setContent(`<!doctype html><html lang="en"><head><title>Broken</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>`);
    const violations = await axeViolations(page);
    expect(violations.map((violation) => violation.id).sort()).toEqual(["button-name", "image-alt"]);
    // The failure names the rule, its impact and the element.
    await expect(assertAccessible(page, "broken page")).rejects.toThrow(/image-alt \(critical\)[\s\S]*\n {4}img\n/);
    // An exception lifts one rule from the elements its selector matches, and nothing else.
    const exceptions = [{ rule: "image-alt", selector: "img", reason: "test" }, { rule: "image-alt", selector: "button", reason: "test" }];
    expect((await axeViolations(page, exceptions)).map((violation) => violation.id)).toEqual(["button-name"]);
    await page.close();
  });
});

describe("an empty shop: the empty states", () => {
  it("Home", () => checkAdminPage("/app", strings.home.title, strings.dashboard.emptyHeading));
  it("Back-ordered variants", () => checkAdminPage("/app/variants", strings.variants.title, strings.variants.emptyHeading));
  it("Orders waiting", () => checkAdminPage("/app/orders", strings.orders.title, strings.orders.emptyHeading));
});

describe("a shop with back orders", () => {
  let lamp: string;

  beforeAll(async () => {
    const warehouse = shop().addLocation("Warehouse");
    // Their handles (trail-lamp, camp-kettle, wool-mug) come from their titles.
    lamp = addVariant("Trail Lamp", warehouse, 0);
    const kettle = addVariant("Camp Kettle", warehouse, 0);
    addVariant("Wool Mug", warehouse, 5);
    await t.settle();
    buy(lamp, "Ada", 2);
    buy(lamp, "Grace", 1);
    buy(kettle, "Alan", 1);
    await t.settle();
    // The kettle's job failed for good, as the worker leaves it after its last attempt, so Home and Activity show their alerts.
    const domain = shop().domain;
    await t.db.job.update({ where: { id: `${domain}|sync-variant|${kettle}` }, data: { status: "dead", attempts: 8, lastError: "HTTP 503 from the Admin API" } });
    await t.db.activity.create({ data: { shop: domain, kind: "job.dead", subject: kettle, message: "sync-variant failed 8 times: HTTP 503 from the Admin API" } });
  }, 120_000);

  describe("each admin page", () => {
    it("Home", () => checkAdminPage("/app", strings.home.title, strings.dashboard.alertsHeading));
    it("Back-ordered variants", () => checkAdminPage("/app/variants", strings.variants.title, "Camp Kettle"));
    it("a variant's page", () => checkAdminPage(`/app/variants/${numeric(lamp)}`, "Trail Lamp", "Grace Tester"));
    it("Orders waiting", () => checkAdminPage("/app/orders", strings.orders.title, "Alan Tester"));
    it("Settings", () => checkAdminPage("/app/settings", strings.settings.title, strings.settings.fulfilment.hold_release));
    it("Activity", () => checkAdminPage("/app/activity", strings.activity.title, strings.activity.deadTitle(1)));
  });

  describe("interactive states", () => {
    it("the variants list with the status filter, a selection's bulk actions and the restock date form open", async () => {
      const { page, app } = await openAdminPage("/app/variants", strings.variants.title);
      // Every filter is pinned: its button opens it.
      await app.getByRole("button", { name: strings.variants.statusFilter }).first().click();
      await app.getByRole("checkbox", { name: strings.variants.status.backorder }).waitFor();
      await checkApp(app, "variants: status filter open");

      await page.keyboard.press("Escape");
      await app.getByRole("row", { name: /Trail Lamp/ }).getByRole("checkbox").check({ force: true });
      await app.getByRole("button", { name: strings.variants.bulk.restock }).click();
      await app.getByLabel(`${strings.variants.restockDate} (1)`).waitFor();
      await checkApp(app, "variants: selection and restock date form");
      await page.close();
    });

    it("a variant's page with its rules changed and the restock date's calendar open", async () => {
      const { page, app } = await openAdminPage(`/app/variants/${numeric(lamp)}`, "Trail Lamp");
      await app.getByLabel(strings.variants.waitingCap).fill("9");
      await page.locator("#save-bar.on").waitFor();
      await app.getByRole("button", { name: strings.restockDatePicker.chooseLabel(strings.variants.restockDate) }).click();
      await app.locator(".Polaris-DatePicker").waitFor();
      await checkApp(app, "variant page: calendar open, unsaved changes");
      await page.close();
    });

    it("Settings with a validation error shown, and the shell's save bar", async () => {
      const { page, app } = await openAdminPage("/app/settings", strings.settings.title);
      await app.getByLabel(strings.settings.dates.handlingLabel).fill("-1");
      await page.locator("#save-bar").getByRole("button", { name: strings.settings.save }).click();
      await app.getByText(strings.settings.errorBanner).waitFor({ timeout: 15_000 });
      await checkApp(app, "settings: validation error");
      await assertAccessible(page, "admin shell: save bar shown");
      await page.close();
    });
  });

  it("the admin shell around the app", async () => {
    const { page } = await openAdminPage("/app", strings.home.title);
    await page.locator("#app-nav a").first().waitFor();
    await assertAccessible(page, "admin shell");
    await page.close();
  });

  it("the storefront's product page and product cards with back-order badges, in the theme editor's default colours", async () => {
    const page = await openPage(t.browser);
    await page.goto(`${t.stack.sandbox.url}/products/trail-lamp`, { waitUntil: "networkidle" });
    await page.locator(".backorder-badge__badge").first().waitFor();
    await assertAccessible(page, "storefront product page");
    await page.goto(`${t.stack.sandbox.url}/collections/all`, { waitUntil: "networkidle" });
    await page.locator(".backorder-card-badge").first().waitFor();
    await assertAccessible(page, "storefront collection");
    await page.close();
  });
});
