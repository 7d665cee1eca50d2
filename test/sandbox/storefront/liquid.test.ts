import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { MetafieldValue } from "../state/contract";
import { parseBlockFile, defaultSettings } from "./app-blocks";
import { createLiquidEngine, formatMoney, loadLocale, shopifyJson, translate, withGlobals } from "./liquid-engine";
import { MetafieldsDrop, canonicalNamespace, legacyId, toCents } from "./liquid-objects";

const metafield = (namespace: string, key: string, type: string, value: string): MetafieldValue => ({ id: "gid://shopify/Metafield/1", namespace, key, type, value, updatedAt: "2026-11-01T00:00:00Z" });

describe("Shopify Liquid helpers", () => {
  it("formats cents with Shopify's money formats", () => {
    expect(formatMoney(123456, "${{amount}}")).toBe("$1,234.56");
    expect(formatMoney(123456, "{{amount_no_decimals}} kr")).toBe("1,235 kr");
    expect(formatMoney(123456, "{{ amount_with_comma_separator }}€")).toBe("1.234,56€");
    expect(formatMoney(-250, "${{amount}}")).toBe("$-2.50");
  });

  it("converts prices and ids the way Shopify's Liquid shows them", () => {
    expect(toCents("19.99")).toBe(1999);
    expect(legacyId("gid://shopify/ProductVariant/42")).toBe(42);
    expect(legacyId("gid://shopify/InventoryLevel/9007199254740993?inventory_item_id=1")).toBe("9007199254740993");
  });

  it("translates with interpolation and plurals", () => {
    const t = { a: { b: "Hi {{ name }}" }, items: { one: "{{ count }} item", other: "{{ count }} items" } };
    expect(translate(t, "a.b", { name: "Ana" })).toBe("Hi Ana");
    expect(translate(t, "items", { count: 1 })).toBe("1 item");
    expect(translate(t, "items", { count: 3 })).toBe("3 items");
    expect(translate(t, "nope", {})).toBe("translation missing: nope");
  });

  it("exposes metafields by namespace, typed, with $app only inside app blocks", async () => {
    const engine = createLiquidEngine({ partials: [], assetBase: "/a", localesDir: "/none", locale: "en" });
    const fields = [
      metafield("$app:backorder", "eta", "date", "2026-12-24"),
      metafield("app--7--backorder", "count", "number_integer", "3"),
      metafield("custom", "info", "json", '{"a":[1,2]}'),
    ];
    const render = (template: string, appAlias: boolean) => engine.parseAndRender(template, { mf: new MetafieldsDrop(fields, "7", appAlias) });
    expect(canonicalNamespace("$app", "7")).toBe("app--7");
    expect(await render("{{ mf['$app:backorder'].eta.value }}|{{ mf['$app:backorder'].count.value | plus: 1 }}", true)).toBe("2026-12-24|4");
    expect(await render("{{ mf['app--7--backorder'].eta }}|{{ mf['app--7--backorder'].eta.type }}", false)).toBe("2026-12-24|date");
    expect(await render("[{{ mf['$app:backorder'].eta.value }}]", false)).toBe("[]");
    expect(await render("{{ mf.custom.info.value.a | join: '-' }}", false)).toBe("1-2");
  });

  it("splits a block file into Liquid and schema, with setting defaults", () => {
    const { source, schema } = parseBlockFile('<p>{{ block.settings.x }}</p>\n{% schema %}{"target":"section","settings":[{"type":"text","id":"x","default":"d"},{"type":"checkbox","id":"c"},{"type":"header","content":"h"}]}{% endschema %}');
    expect(source.trim()).toBe("<p>{{ block.settings.x }}</p>");
    expect(defaultSettings(schema)).toEqual({ x: "d", c: false });
    expect(() => parseBlockFile("<p></p>")).toThrow(/schema/);
  });

  it("prints `json` as Shopify does: safe inside <script>, nil as null", async () => {
    expect(shopifyJson('</script><b>"a" & b</b>')).toBe('"\\u003c/script\\u003e\\u003cb\\u003e\\"a\\" \\u0026 b\\u003c/b\\u003e"');
    expect(JSON.parse(shopifyJson("x\u2028y"))).toBe("x\u2028y");
    const engine = createLiquidEngine({ partials: [], assetBase: "/a", localesDir: "/none", locale: "en" });
    expect(await engine.parseAndRender("{{ missing | json }}|{{ list | json }}", { list: [1, "<"] })).toBe('null|[1,"\\u003c"]');
  });

  it("divides whole numbers to a whole number, like Shopify's Ruby Liquid", async () => {
    const engine = createLiquidEngine({ partials: [], assetBase: "/a", localesDir: "/none", locale: "en" });
    expect(await engine.parseAndRender("{{ 7 | divided_by: 2 }}|{{ '-7' | divided_by: 2 }}|{{ 7.0 | divided_by: 2.5 }}|{{ 7 | divided_by: 0.5 }}")).toBe("3|-4|2.8|14");
  });

  it("takes 'now' from the shop's clock and shows dates in the shop's time zone", async () => {
    const clock = () => Date.parse("2027-03-01T23:30:00Z");
    const engine = createLiquidEngine({ partials: [], assetBase: "/a", localesDir: "/none", locale: "en", now: clock, timezone: "Europe/Amsterdam" });
    expect(await engine.parseAndRender("{{ 'now' | date: '%Y-%m-%d %H:%M' }}|{{ 'today' | date: '%s' }}")).toBe(`2027-03-02 00:30|${clock() / 1000}`);
  });

  it("falls back to the language, then to the default locale, key by key; schema files are not storefront text", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "locales-"));
    onTestFinished(() => rmSync(dir, { recursive: true }));
    const write = (file: string, value: unknown) => writeFileSync(path.join(dir, file), JSON.stringify(value));
    write("en.default.json", { a: { hello: "Hello", bye: "Bye", only_en: "English" } });
    write("en.default.schema.json", { a: { hello: "Schema" } });
    write("fr.json", { a: { hello: "Bonjour", bye: "Au revoir" } });
    write("fr-CA.json", { a: { bye: "Bye-bye" } });
    expect(loadLocale(dir, "fr-CA")).toEqual({ a: { hello: "Bonjour", bye: "Bye-bye", only_en: "English" } });
    expect(loadLocale(dir, "fr")).toEqual({ a: { hello: "Bonjour", bye: "Au revoir", only_en: "English" } });
    expect(loadLocale(dir, "de")).toEqual({ a: { hello: "Hello", bye: "Bye", only_en: "English" } });
  });

  it("lets rendered snippets see Shopify's global objects but not the template's own variables", async () => {
    const snippets = mkdtempSync(path.join(tmpdir(), "snippets-"));
    onTestFinished(() => rmSync(snippets, { recursive: true }));
    writeFileSync(path.join(snippets, "probe.liquid"), "[{{ shop.name }}|{{ product.title }}|{{ local }}|{{ passed }}]");
    const engine = createLiquidEngine({ partials: [snippets], assetBase: "/a", localesDir: "/none", locale: "en" });
    const variables = { shop: { name: "Northwind" }, product: { title: "Beanie" }, local: "nope" };
    expect(await engine.parseAndRender("{% render 'probe', passed: local %}", variables, withGlobals(variables))).toBe("[Northwind|Beanie||nope]");
  });
});
