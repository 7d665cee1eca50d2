import { describe, expect, it } from "vitest";
import type { ShopSettings } from "@prisma/client";
import { formValuesOf, parseSettingsForm, SETTINGS_LIMITS, type SettingsFormValues } from "../../app/models/settings.server";
import { joinIds, splitIds } from "../../app/models/id-list";
import { strings } from "../../app/i18n/strings";
import { DEFAULT_SETTINGS_FORM } from "../support/settings-form";

const errors = strings.settings.errors;

const valid = DEFAULT_SETTINGS_FORM;

const parse = (changes: Partial<Record<keyof SettingsFormValues, string>> = {}) => parseSettingsForm({ ...valid, ...changes });
const errorsOf = (changes: Partial<Record<keyof SettingsFormValues, string>>) => {
  const result = parse(changes);
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(changes)}`);
  return result.errors;
};

describe("parseSettingsForm", () => {
  it("accepts the defaults, blanks meaning no cap and no message", () => {
    expect(parse()).toEqual({
      ok: true,
      value: {
        scopeKind: "all",
        scopeTag: null,
        scopeProductIds: [],
        waitingCapPerVariant: null,
        defaultLeadTimeDays: 14,
        handlingDays: 1,
        restockMessage: null,
        soldOutMessage: null,
        dateStyle: "medium",
        fulfilmentMode: "hold_release",
        locationMoves: "off",
      },
    });
  });

  it("reads FormData and URLSearchParams the same as a plain object", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...valid, waitingCapPerVariant: "5", fulfilmentMode: "hold_fulfil" })) form.set(key, value);
    const fromForm = parseSettingsForm(form);
    const fromParams = parseSettingsForm(new URLSearchParams({ ...valid, waitingCapPerVariant: "5", fulfilmentMode: "hold_fulfil" }));
    expect(fromForm).toEqual(fromParams);
    expect(fromForm.ok && fromForm.value).toMatchObject({ waitingCapPerVariant: 5, fulfilmentMode: "hold_fulfil" });
  });

  it("trims text and keeps every valid setting", () => {
    const result = parse({
      scopeKind: "tagged",
      scopeTag: "  preorder ",
      waitingCapPerVariant: " 25 ",
      defaultLeadTimeDays: "0",
      handlingDays: "3",
      restockMessage: "  Back in spring  ",
      soldOutMessage: " Gone until May ",
      dateStyle: " iso ",
      fulfilmentMode: "ship_available_first",
      locationMoves: " suggest ",
    });
    expect(result).toEqual({
      ok: true,
      value: {
        scopeKind: "tagged",
        scopeTag: "preorder",
        scopeProductIds: [],
        waitingCapPerVariant: 25,
        defaultLeadTimeDays: 0,
        handlingDays: 3,
        restockMessage: "Back in spring",
        soldOutMessage: "Gone until May",
        dateStyle: "iso",
        fulfilmentMode: "ship_available_first",
        locationMoves: "suggest",
      },
    });
  });

  it.each([
    ["abc", errors.wholeNumber],
    ["1.5", errors.wholeNumber],
    ["1e3", errors.wholeNumber],
    ["12 units", errors.wholeNumber],
    ["-1", errors.between(0, SETTINGS_LIMITS.capMax)],
    [String(SETTINGS_LIMITS.capMax + 1), errors.between(0, SETTINGS_LIMITS.capMax)],
  ])("rejects the cap %j", (cap, message) => {
    expect(errorsOf({ waitingCapPerVariant: cap })).toEqual({ waitingCapPerVariant: message });
  });

  it("accepts a cap of 0 (nothing may wait) and the largest cap", () => {
    expect(parse({ waitingCapPerVariant: "0" })).toMatchObject({ ok: true, value: { waitingCapPerVariant: 0 } });
    expect(parse({ waitingCapPerVariant: String(SETTINGS_LIMITS.capMax) })).toMatchObject({ ok: true, value: { waitingCapPerVariant: SETTINGS_LIMITS.capMax } });
  });

  it("bounds the lead time to 0..365 days, blank meaning no estimated date", () => {
    expect(errorsOf({ defaultLeadTimeDays: "-3" })).toEqual({ defaultLeadTimeDays: errors.between(0, SETTINGS_LIMITS.leadTimeMax) });
    expect(errorsOf({ defaultLeadTimeDays: "366" })).toEqual({ defaultLeadTimeDays: errors.between(0, SETTINGS_LIMITS.leadTimeMax) });
    expect(errorsOf({ defaultLeadTimeDays: "two weeks" })).toEqual({ defaultLeadTimeDays: errors.wholeNumber });
    expect(parse({ defaultLeadTimeDays: "365" })).toMatchObject({ ok: true, value: { defaultLeadTimeDays: 365 } });
    expect(parse({ defaultLeadTimeDays: " " })).toMatchObject({ ok: true, value: { defaultLeadTimeDays: null } });
  });

  it("requires handling days, within bounds", () => {
    expect(errorsOf({ handlingDays: "" })).toEqual({ handlingDays: errors.required });
    expect(errorsOf({ handlingDays: "-1" })).toEqual({ handlingDays: errors.between(0, SETTINGS_LIMITS.handlingMax) });
    expect(errorsOf({ handlingDays: "61" })).toEqual({ handlingDays: errors.between(0, SETTINGS_LIMITS.handlingMax) });
  });

  it("rejects an unknown location-moves choice; one left out is off", () => {
    expect(errorsOf({ locationMoves: "teleport" })).toEqual({ locationMoves: strings.locationMoves.invalid });
    expect(parse({ locationMoves: "" })).toMatchObject({ ok: true, value: { locationMoves: "off" } });
    expect(parse({ locationMoves: "automatic" })).toMatchObject({ ok: true, value: { locationMoves: "automatic" } });
  });

  it("rejects an unknown or missing fulfilment mode and scope", () => {
    expect(errorsOf({ fulfilmentMode: "ship_everything" })).toEqual({ fulfilmentMode: errors.fulfilmentMode });
    expect(errorsOf({ fulfilmentMode: "" })).toEqual({ fulfilmentMode: errors.fulfilmentMode });
    expect(errorsOf({ scopeKind: "some" })).toEqual({ scopeKind: errors.scopeKind });
    expect(parseSettingsForm({})).toMatchObject({ ok: false, errors: { scopeKind: errors.scopeKind, handlingDays: errors.required, fulfilmentMode: errors.fulfilmentMode } });
  });

  it("requires a tag when the scope is tagged, without commas, within Shopify's length", () => {
    expect(errorsOf({ scopeKind: "tagged", scopeTag: "   " })).toEqual({ scopeTag: errors.tagRequired });
    expect(errorsOf({ scopeKind: "tagged", scopeTag: "pre,order" })).toEqual({ scopeTag: errors.tagComma });
    expect(errorsOf({ scopeKind: "tagged", scopeTag: "x".repeat(SETTINGS_LIMITS.tagLength + 1) })).toEqual({ scopeTag: errors.tooLong(SETTINGS_LIMITS.tagLength) });
    // Not needed for other scopes; what was typed is kept for switching back.
    expect(parse({ scopeKind: "all", scopeTag: "preorder" })).toMatchObject({ ok: true, value: { scopeKind: "all", scopeTag: "preorder" } });
  });

  it("requires Shopify product GIDs when the scope is chosen products", () => {
    expect(errorsOf({ scopeKind: "chosen", scopeProductIds: " , " })).toEqual({ scopeProductIds: errors.productsRequired });
    expect(errorsOf({ scopeKind: "chosen", scopeProductIds: "gid://shopify/Product/1, 12345, gid://shopify/ProductVariant/2" })).toEqual({
      scopeProductIds: errors.productIds("12345, gid://shopify/ProductVariant/2"),
    });
    expect(errorsOf({ scopeKind: "chosen", scopeProductIds: "gid://shopify/Product/0" })).toHaveProperty("scopeProductIds");
    expect(errorsOf({ scopeKind: "chosen", scopeProductIds: "gid://shopify/Product/1 OR 1=1" })).toHaveProperty("scopeProductIds");
    const tooMany = Array.from({ length: SETTINGS_LIMITS.productIds + 1 }, (_, i) => `gid://shopify/Product/${i + 1}`).join(",");
    expect(errorsOf({ scopeKind: "chosen", scopeProductIds: tooMany })).toEqual({ scopeProductIds: errors.tooManyProducts(SETTINGS_LIMITS.productIds) });
  });

  it("accepts product GIDs separated by commas, spaces or lines, without repeats", () => {
    const result = parse({ scopeKind: "chosen", scopeProductIds: "gid://shopify/Product/10,gid://shopify/Product/11\n gid://shopify/Product/10 " });
    expect(result).toMatchObject({ ok: true, value: { scopeKind: "chosen", scopeProductIds: ["gid://shopify/Product/10", "gid://shopify/Product/11"] } });
    // Ids are only kept for the chosen scope.
    expect(parse({ scopeKind: "all", scopeProductIds: "not an id" })).toMatchObject({ ok: true, value: { scopeProductIds: [] } });
  });

  it("limits the restock and sold-out messages' length", () => {
    const max = SETTINGS_LIMITS.messageLength;
    expect(parse({ restockMessage: "m".repeat(max), soldOutMessage: "s".repeat(max) })).toMatchObject({ ok: true });
    expect(errorsOf({ restockMessage: "m".repeat(max + 1) })).toEqual({ restockMessage: errors.tooLong(max) });
    expect(errorsOf({ soldOutMessage: "s".repeat(max + 1) })).toEqual({ soldOutMessage: errors.tooLong(max) });
  });

  it("stores a blank sold-out message as none", () => {
    expect(parse({ soldOutMessage: "   " })).toMatchObject({ ok: true, value: { soldOutMessage: null } });
  });

  it.each(["medium", "long", "short", "iso"])("accepts the date style %s", (dateStyle) => {
    expect(parse({ dateStyle })).toMatchObject({ ok: true, value: { dateStyle } });
  });

  it.each(["", "fancy", "ISO", "medium,long"])("refuses the date style %j with a clear message", (dateStyle) => {
    expect(errorsOf({ dateStyle })).toEqual({ dateStyle: errors.dateStyle });
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(errorsOf({ scopeKind: "tagged", waitingCapPerVariant: "-1", defaultLeadTimeDays: "x", handlingDays: "", fulfilmentMode: "?", dateStyle: "?" })).sort()).toEqual(
      ["dateStyle", "defaultLeadTimeDays", "fulfilmentMode", "handlingDays", "scopeTag", "waitingCapPerVariant"],
    );
  });
});

describe("formValuesOf", () => {
  const stored: ShopSettings = {
    shop: "a.myshopify.com",
    scopeKind: "chosen",
    scopeTag: null,
    scopeProductIds: JSON.stringify(["gid://shopify/Product/1", "gid://shopify/Product/2"]),
    waitingCapPerVariant: null,
    defaultLeadTimeDays: null,
    handlingDays: 2,
    restockMessage: "Soon",
    soldOutMessage: "Full for now",
    dateStyle: "long",
    fulfilmentMode: "hold_fulfil",
    locationMoves: "automatic",
    timezone: "UTC",
    currencyCode: null,
    shopName: null,
    installedAt: null,
    uninstalledAt: null,
    lastReconciledAt: null,
    updatedAt: new Date(),
  };

  it("shows stored settings as the form's text, and round-trips through the parser", () => {
    const values = formValuesOf(stored);
    expect(values).toEqual({
      scopeKind: "chosen",
      scopeTag: "",
      scopeProductIds: "gid://shopify/Product/1, gid://shopify/Product/2",
      waitingCapPerVariant: "",
      defaultLeadTimeDays: "",
      handlingDays: "2",
      restockMessage: "Soon",
      soldOutMessage: "Full for now",
      dateStyle: "long",
      fulfilmentMode: "hold_fulfil",
      locationMoves: "automatic",
    });
    expect(parseSettingsForm(values)).toMatchObject({
      ok: true,
      value: { scopeProductIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"], handlingDays: 2, soldOutMessage: "Full for now", dateStyle: "long" },
    });
  });

  it("shows an unknown stored mode or date style as the default one, and no sold-out message as blank", () => {
    expect(formValuesOf({ ...stored, fulfilmentMode: "legacy" }).fulfilmentMode).toBe("hold_release");
    expect(formValuesOf({ ...stored, dateStyle: "fancy" }).dateStyle).toBe("medium");
    expect(formValuesOf({ ...stored, soldOutMessage: null }).soldOutMessage).toBe("");
  });

  it("splits ids on commas and whitespace, and joins them as the form shows them", () => {
    expect(splitIds(" a,b  c\n\na ")).toEqual(["a", "b", "c"]);
    expect(joinIds(["a", "b"])).toBe("a, b");
    expect(splitIds(joinIds(["gid://shopify/Product/1", "gid://shopify/Product/2"]))).toEqual(["gid://shopify/Product/1", "gid://shopify/Product/2"]);
  });
});
