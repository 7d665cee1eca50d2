/**
 * Liquid render tests of the back-order badge extension, through the sandbox's Shopify
 * renderer, with Shopify-shaped product objects whose variants carry the engine's metafields.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBlockFile } from "../sandbox/storefront/app-blocks";
import {
  BLOCK_KEY,
  EMBED_KEY,
  EXTENSION,
  EXTENSIONS_DIR,
  NOW,
  badgeOf,
  pageData,
  product,
  propertyOf,
  renderCollectionEmbed,
  renderProductPage,
  type VariantSpec,
} from "./backorder-fixtures";

const BEANIE: VariantSpec[] = [
  { id: 1, title: "Sand", available: 5 },
  { id: 2, title: "Black", backorder: { status: "backorder", ships_on: "2026-12-24" } },
  { id: 3, title: "Forest", backorder: { status: "backorder" } },
  { id: 4, title: "Red", backorder: { status: "sold_out" } },
];
const DAY = 86_400_000;
const isoDay = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

describe("app block on the product page", () => {
  it("renders nothing for a product whose variants are in stock or not managed by the app", async () => {
    const html = await renderProductPage("section", product([{ id: 1, title: "Sand", available: 5 }, { id: 2, title: "Black", available: 0, policy: "DENY" }]));
    expect(html).toContain('class="shopify-block shopify-app-block"'); // Shopify's wrapper only
    expect(html).not.toContain("backorder-badge__badge");
    expect(pageData(html, "data-backorder-variants")).toBeNull();
    expect(propertyOf(html)).toBeNull();
    expect(propertyOf(html, "shipsOn")).toBeNull();
  });

  it("shows a back-ordered variant's exact ship date in flow, in a polite live region, and the same words as the line item property", async () => {
    const html = await renderProductPage("section", product(BEANIE), { variantId: 2 });
    expect(badgeOf(html)).toEqual({ status: "backorder", hidden: false, text: "Back-order Ships by December 24, 2026 You can still order it now." });
    expect(html).toMatch(/<div class="backorder-badge__live" aria-live="polite" aria-atomic="true"><p class="backorder-badge__badge"/);
    expect(propertyOf(html)).toEqual({ name: "Back-order", value: "Ships by December 24, 2026", disabled: false });
    expect(html).toContain('data-backorder-variant="2"');
  });

  it("adds the promised date as a hidden property (a name starting with an underscore, which checkout does not show)", async () => {
    const html = await renderProductPage("section", product(BEANIE), { variantId: 2 });
    expect(propertyOf(html, "shipsOn")).toEqual({ name: "_backorder_ships_on", value: "2026-12-24", disabled: false });
    const inWeeks = await renderProductPage("section", product(BEANIE), { variantId: 2, settings: { [BLOCK_KEY]: { date_style: "weeks" } } });
    expect(propertyOf(inWeeks, "shipsOn")?.value).toBe("2026-12-24");
    // No date promised: no date property, whatever the wording.
    expect(propertyOf(await renderProductPage("section", product(BEANIE), { variantId: 3 }), "shipsOn")).toEqual({ name: "_backorder_ships_on", value: "", disabled: true });
    const past = product([{ id: 2, title: "Black", backorder: { status: "backorder", ships_on: isoDay(NOW - 2 * DAY) } }]);
    expect(propertyOf(await renderProductPage("section", past), "shipsOn")?.disabled).toBe(true);
    expect(propertyOf(await renderProductPage("section", product(BEANIE), { variantId: 4 }), "shipsOn")?.disabled).toBe(true);
    expect(propertyOf(await renderProductPage("section", product(BEANIE), { variantId: 1 }), "shipsOn")?.disabled).toBe(true);
  });

  it("says 'ships in about N weeks' when the merchant picks that style, rounding up to whole weeks", async () => {
    const weeks = { [BLOCK_KEY]: { date_style: "weeks" } };
    const inAMonth = await renderProductPage("section", product(BEANIE), { variantId: 2, settings: weeks });
    expect(badgeOf(inAMonth)?.text).toContain("Ships in about 5 weeks"); // 29.5 days away
    const soon = product([{ id: 2, title: "Black", backorder: { status: "backorder", ships_on: isoDay(NOW + 3 * DAY) } }]);
    const html = await renderProductPage("section", soon, { settings: weeks });
    expect(badgeOf(html)?.text).toContain("Ships in about 1 week");
    expect(propertyOf(html)?.value).toBe("Ships in about 1 week");
  });

  it("falls back to clear wording when no date is known or the date has passed", async () => {
    const undated = await renderProductPage("section", product(BEANIE), { variantId: 3 });
    expect(badgeOf(undated)?.text).toBe("Back-order Ships as soon as it is back in stock You can still order it now.");
    expect(propertyOf(undated)?.value).toBe("Ships as soon as it is back in stock");

    const past = product([{ id: 2, title: "Black", backorder: { status: "backorder", ships_on: isoDay(NOW - 2 * DAY) } }]);
    expect(badgeOf(await renderProductPage("section", past))?.text).toContain("Ships as soon as it is back in stock");
    const today = product([{ id: 2, title: "Black", backorder: { status: "backorder", ships_on: isoDay(NOW) } }]);
    expect(badgeOf(await renderProductPage("section", today))?.text).toContain("Ships by November 24, 2026");
  });

  it("says 'sold out' when the back-order cap is reached, with no line item property", async () => {
    const html = await renderProductPage("section", product(BEANIE), { variantId: 4 });
    expect(badgeOf(html)).toEqual({ status: "sold_out", hidden: false, text: "Sold out Back-orders are full for now." });
    expect(propertyOf(html)).toEqual({ name: "Back-order", value: "", disabled: true });
  });

  it("shows the merchant's sold-out message with the sold-out badge, and hands it to variant switching", async () => {
    const variants: VariantSpec[] = [
      { id: 2, title: "Black", backorder: { status: "backorder", message: "Back in spring" } },
      { id: 4, title: "Red", backorder: { status: "sold_out", message: "More arrive in May" } },
    ];
    const html = await renderProductPage("section", product(variants), { variantId: 4 });
    expect(badgeOf(html)).toEqual({ status: "sold_out", hidden: false, text: "Sold out Back-orders are full for now. More arrive in May" });
    expect(propertyOf(html)).toEqual({ name: "Back-order", value: "", disabled: true });
    expect(pageData(html, "data-backorder-variants")).toMatchObject({
      "2": { status: "backorder", message: "Back in spring" },
      "4": { status: "sold_out", message: "More arrive in May" },
    });
  });

  it("keeps the badge hidden (no text, no property) while an in-stock variant is selected", async () => {
    const html = await renderProductPage("section", product(BEANIE), { variantId: 1 });
    expect(badgeOf(html)).toEqual({ status: "", hidden: true, text: "" });
    expect(propertyOf(html)?.disabled).toBe(true);
  });

  it("renders every managed variant's wording into the page and leaves in-stock variants out", async () => {
    const html = await renderProductPage("section", product([...BEANIE, { id: 5, title: "Grey", available: 2, policy: "CONTINUE" }]), { variantId: 1 });
    expect(pageData(html, "data-backorder-variants")).toEqual({
      "2": { status: "backorder", label: "Back-order", detail: "Ships by December 24, 2026", hint: "You can still order it now.", message: "", shipsOn: "2026-12-24" },
      "3": { status: "backorder", label: "Back-order", detail: "Ships as soon as it is back in stock", hint: "You can still order it now.", message: "", shipsOn: "" },
      "4": { status: "sold_out", label: "Sold out", detail: "Back-orders are full for now.", hint: "", message: "", shipsOn: "" },
    });
  });

  it.each([
    ["en", "Back-order", "Ships by December 24, 2026", "Ships in about 5 weeks", "Sold out"],
    ["fr", "Précommande", "Expédié d’ici le 24 décembre 2026", "Expédié dans environ 5 semaines", "Épuisé"],
    ["de", "Vorbestellung", "Versand bis 24. Dezember 2026", "Versand in etwa 5 Wochen", "Ausverkauft"],
    ["es", "Bajo pedido", "Se envía antes del 24 de diciembre de 2026", "Se envía en aproximadamente 5 semanas", "Agotado"],
  ])("speaks %s: label, date in that language, weeks, sold out and the property name", async (locale, label, exact, weeks, soldOut) => {
    const html = await renderProductPage("section", product(BEANIE), { locale, variantId: 2 });
    expect(badgeOf(html)?.text.startsWith(`${label} ${exact} `)).toBe(true);
    expect(propertyOf(html)).toMatchObject({ name: label, value: exact });
    const inWeeks = await renderProductPage("section", product(BEANIE), { locale, variantId: 2, settings: { [BLOCK_KEY]: { date_style: "weeks" } } });
    expect(propertyOf(inWeeks)?.value).toBe(weeks);
    expect((pageData(html, "data-backorder-variants")?.["4"] as { label: string }).label).toBe(soldOut);
  });

  it("uses the merchant's wording and colours, and the theme's colours by default", async () => {
    const plain = await renderProductPage("section", product(BEANIE), { variantId: 2 });
    expect(plain).not.toMatch(/class="backorder-badge"[^>]* style=/);

    const settings = { [BLOCK_KEY]: { backorder_label: "Pre-order", sold_out_label: "Gone for now", text_color: "#1a1a1a", background_color: "#fff4d6" } };
    const html = await renderProductPage("section", product(BEANIE), { variantId: 2, settings });
    expect(badgeOf(html)?.text.startsWith("Pre-order Ships by")).toBe(true);
    expect(html).toContain('style="--backorder-text: #1a1a1a;--backorder-background: #fff4d6;"');
    expect((pageData(html, "data-backorder-variants")?.["4"] as { label: string }).label).toBe("Gone for now");
  });

  it("escapes the merchant's message for HTML and for the script's JSON", async () => {
    const message = '</script><img src=x onerror="alert(1)"> & co';
    const html = await renderProductPage("section", product([{ id: 2, title: "Black", backorder: { status: "backorder", message } }]));
    expect(html).not.toContain("<img");
    expect(html).toMatch(/data-backorder-message>&lt;\/script&gt;&lt;img src=x onerror=&(quot|#34);alert\(1\)&(quot|#34);&gt; &amp; co</);
    expect(html).toContain("\\u003c/script\\u003e");
    expect((pageData(html, "data-backorder-variants")?.["2"] as { message: string }).message).toBe(message);
  });
});

describe("app embed", () => {
  it("carries the per-variant data and the line item property on product pages, without a visible badge", async () => {
    const html = await renderProductPage("body", product(BEANIE), { variantId: 2 });
    expect(badgeOf(html)).toBeNull();
    expect(Object.keys(pageData(html, "data-backorder-variants") ?? {})).toEqual(["2", "3", "4"]);
    expect(propertyOf(html)).toEqual({ name: "Back-order", value: "Ships by December 24, 2026", disabled: false });
  });

  it("lists back-ordered products for card badges on collection pages, unless the merchant turns them off", async () => {
    const backordered = product([{ id: 2, title: "Black", backorder: { status: "backorder", ships_on: "2026-12-24" } }], "wool-beanie");
    const inStock = product([{ id: 1, title: "Sand", available: 5 }], "canvas-tote");
    const soldOut = product([{ id: 4, title: "Red", backorder: { status: "sold_out" } }], "camp-mug");
    const html = await renderCollectionEmbed([backordered, inStock, soldOut], { locale: "de" });
    expect(pageData(html, "data-backorder-cards")).toEqual({ "wool-beanie": "Vorbestellung" });
    const off = await renderCollectionEmbed([backordered], { settings: { [EMBED_KEY]: { card_badges: false } } });
    expect(pageData(off, "data-backorder-cards")).toBeNull();
  });

  describe("a card speaks for every option of its product, not the one it shows", () => {
    const cardOf = async (variants: VariantSpec[], options: Parameters<typeof renderCollectionEmbed>[1] = {}) =>
      (pageData(await renderCollectionEmbed([product(variants, "wool-beanie")], options), "data-backorder-cards") ?? {})["wool-beanie"] ?? null;
    const sand: VariantSpec = { id: 1, title: "Sand", available: 5 };
    const grey: VariantSpec = { id: 5, title: "Grey", available: 3 };
    const black: VariantSpec = { id: 2, title: "Black", backorder: { status: "backorder", ships_on: "2026-12-24" } };
    const forest: VariantSpec = { id: 3, title: "Forest", backorder: { status: "backorder" } };
    const red: VariantSpec = { id: 4, title: "Red", backorder: { status: "sold_out" } };
    const gone: VariantSpec = { id: 6, title: "Plum", available: 0, policy: "DENY" };

    it("says back-order when every option is on back-order", async () => {
      expect(await cardOf([black, forest])).toBe("Back-order");
    });

    it("says some options are on back-order when others ship now, whichever option the card shows", async () => {
      // Shopify's card shows the first available variant: Sand here, Black in the second product.
      expect(await cardOf([sand, grey, black])).toBe("Some options on back-order");
      expect(await cardOf([black, sand])).toBe("Some options on back-order");
    });

    it("says nothing when every option ships now", async () => {
      expect(await cardOf([sand, grey])).toBeNull();
    });

    it("says back-order when the only other options are sold out, and nothing when all are", async () => {
      expect(await cardOf([black, red, gone])).toBe("Back-order");
      expect(await cardOf([red, gone])).toBeNull();
      expect(await cardOf([sand, red])).toBeNull();
    });

    it.each([
      ["en", "Back-order", "Some options on back-order"],
      ["fr", "Précommande", "Certaines options en précommande"],
      ["de", "Vorbestellung", "Einige Optionen als Vorbestellung"],
      ["es", "Bajo pedido", "Algunas opciones bajo pedido"],
    ])("speaks %s", async (locale, all, some) => {
      expect(await cardOf([black], { locale })).toBe(all);
      expect(await cardOf([sand, black], { locale })).toBe(some);
    });

    it("uses the merchant's wording for both", async () => {
      const settings = { [EMBED_KEY]: { backorder_label: "Pre-order", some_options_label: "Some colours on pre-order" } };
      expect(await cardOf([black], { settings })).toBe("Pre-order");
      expect(await cardOf([sand, black], { settings })).toBe("Some colours on pre-order");
    });
  });
});

describe("extension files", () => {
  const dir = path.join(EXTENSIONS_DIR, EXTENSION);
  const readJson = (file: string) => JSON.parse(readFileSync(path.join(dir, "locales", file), "utf8")) as Record<string, unknown>;
  const keysOf = (node: unknown, prefix = ""): string[] =>
    node !== null && typeof node === "object" ? Object.entries(node).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key)) : [prefix];
  const textsOf = (node: unknown): string[] => (node !== null && typeof node === "object" ? Object.values(node).flatMap(textsOf) : [String(node)]);
  const locales = readdirSync(path.join(dir, "locales"));

  it("has en (default), fr, de and es storefront and schema locale files with the same keys", () => {
    expect(locales.sort()).toEqual(["de.json", "de.schema.json", "en.default.json", "en.default.schema.json", "es.json", "es.schema.json", "fr.json", "fr.schema.json"]);
    for (const kind of [".json", ".schema.json"]) {
      const expected = keysOf(readJson(`en.default${kind}`)).sort();
      for (const language of ["fr", "de", "es"]) expect(keysOf(readJson(`${language}${kind}`)).sort(), `${language}${kind}`).toEqual(expected);
    }
  });

  it("keeps HTML-special characters out of storefront translations, so `t` output reads the same escaped or not", () => {
    for (const file of locales.filter((name) => !name.endsWith(".schema.json"))) {
      for (const text of textsOf(readJson(file))) expect(text, file).not.toMatch(/[<>&'"]/);
    }
  });

  it("declares a product-page app block and a body embed whose settings labels all have translations", () => {
    const schemaKeys = new Set(keysOf(readJson("en.default.schema.json")));
    const blocks = ["backorder-badge", "backorder-embed"].map((handle) => parseBlockFile(readFileSync(path.join(dir, "blocks", `${handle}.liquid`), "utf8"), handle).schema);
    expect(blocks.map((schema) => schema.target)).toEqual(["section", "body"]);
    for (const schema of blocks) {
      expect(schema.javascript).toBe("backorder-badge.js");
      expect(schema.stylesheet).toBe("backorder-badge.css");
      const references = JSON.stringify(schema).match(/"t:[^"]+"/g) ?? [];
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) expect(schemaKeys, reference).toContain(reference.slice(3, -1));
    }
  });
});
