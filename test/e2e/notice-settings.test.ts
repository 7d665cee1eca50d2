/**
 * Settings' customer emails in Chromium inside the sandbox admin shell: the live preview follows
 * the templates as typed and the preview language, a template that does not parse says why and
 * saves nothing, a good one is saved, and the page stays accessible (axe).
 */
import { describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { assertAccessible } from "../support/axe";
import { stackForThisFile } from "../support/installed-stack";
import { openAppPage } from "../support/shop-story";
import { strings } from "../../app/i18n/strings";

const text = strings.notices;
const t = stackForThisFile({ browser: true });
const savedTemplates = () => t.db.noticeTemplate.findMany({ where: { shop: t.shop().domain } });

const editor = (app: Frame, title: string) => app.getByRole("region", { name: title });

describe("the customer emails section of Settings", () => {
  it("refuses a template that does not parse over HTTP, saving nothing", async () => {
    const fields = { kind: "confirmation", intent: "save", enabled: "true", subject: "Hi", html: "{% if ships_on %}<p>never closed</p>", text: "Hi" };
    const response = await t.request("/app/notices.data", { method: "POST", fields });
    expect(response.status).toBe(400);
    expect(response.text).toContain("cannot be read, so nothing was saved");
    expect(await savedTemplates()).toEqual([]);
  });

  it("previews the templates as typed, in the language chosen, refuses a broken one and saves a good one", async () => {
    const { page } = await openAppPage(t.browser, t.stack, "/app/settings");
    const app = page.frame({ name: "app-iframe" })!;
    await page.getByRole("heading", { name: strings.settings.title, level: 1, exact: true }).waitFor({ timeout: 30_000 });
    const confirmation = editor(app, text.kinds.confirmation.title);
    await confirmation.waitFor();
    const plainPreview = confirmation.locator("[data-notice-preview-text]");
    // The app's own wording, rendered on the server from a made-up order.
    await expect.poll(() => plainPreview.textContent()).toContain("2 × Linen Shirt - Blue / M from your order #1001 is on back-order");

    await confirmation.getByLabel(text.subject, { exact: true }).fill("Still coming: {{ line.title | upcase }}");
    await confirmation.getByLabel(text.html, { exact: true }).fill("<h2>{{ line.title }}</h2><p>{{ t.confirmation_date }}</p>");
    await expect.poll(() => confirmation.getByText("Still coming: LINEN SHIRT - BLUE / M").count()).toBe(1);
    await expect.poll(() => confirmation.locator("iframe[data-notice-preview]").getAttribute("srcdoc")).toMatch(/^<h2>Linen Shirt - Blue \/ M<\/h2><p>We expect to ship it by /);

    await confirmation.getByLabel(text.previewLanguage).selectOption("fr");
    await expect.poll(() => plainPreview.textContent()).toContain("Bonjour Ada Lovelace,");

    // Broken: an `if` never closed. The field says why; saving it saves nothing.
    await confirmation.getByLabel(text.html, { exact: true }).fill("{% if ships_on %}<p>{{ ships_on }}</p>");
    await confirmation.getByText(/This template cannot be read, so nothing was saved: .*if.* not closed/).waitFor();
    await confirmation.getByRole("button", { name: text.save }).click();
    await confirmation.getByText(/This template cannot be read, so nothing was saved/).waitFor();
    expect(await savedTemplates()).toEqual([]);
    await assertAccessible(app, "settings: customer emails with a template error");

    await confirmation.getByLabel(text.html, { exact: true }).fill("{% if ships_on %}<p>{{ ships_on }}</p>{% endif %}");
    await confirmation.getByRole("button", { name: text.save }).click();
    await expect.poll(async () => (await savedTemplates()).map((row) => [row.kind, row.subject, row.html, row.text])).toEqual([
      ["confirmation", "Still coming: {{ line.title | upcase }}", "{% if ships_on %}<p>{{ ships_on }}</p>{% endif %}", null],
    ]);
    await assertAccessible(app, "settings: customer emails saved");
    await page.close();
  });
});
