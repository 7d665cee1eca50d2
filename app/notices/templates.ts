/**
 * The notices' Liquid templates, like Shopify's own notifications: the app's defaults, the
 * merchant's edits, checked and rendered. HTML output escapes every value (`outputEscape`), so
 * nothing from an order (a product title, a customer's name) can add markup; plain text and the
 * subject are not HTML and are rendered without it.
 */
import { Liquid } from "liquidjs";
import type { NoticeKind, NoticeLocale } from "../domain/notices";
import { formatDate } from "../i18n/dates";
import { phrasesFor, type NoticeFacts } from "./phrases";

export const TEMPLATE_PARTS = ["subject", "html", "text"] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type NoticeTemplates = Record<TemplatePart, string>;

const SIGNATURE_HTML = `<p>{{ t.thanks }}<br>{{ shop.name }}</p>`;
const SIGNATURE_TEXT = `{{ t.thanks }}\n{{ shop.name }}`;

export const DEFAULT_TEMPLATES: Record<NoticeKind, NoticeTemplates> = {
  confirmation: {
    subject: `{{ t.confirmation_subject }}`,
    html: [
      `<p>{{ t.greeting }}</p>`,
      `<p>{{ t.confirmation_waiting }}</p>`,
      `<p>{{ t.confirmation_date }}</p>`,
      `{% if ships_rest_now %}<p>{{ t.rest_ships_now }}</p>{% endif %}`,
      SIGNATURE_HTML,
    ].join("\n"),
    text: [`{{ t.greeting }}`, ``, `{{ t.confirmation_waiting }}`, `{{ t.confirmation_date }}`, `{% if ships_rest_now %}{{ t.rest_ships_now }}{% endif %}`, ``, SIGNATURE_TEXT].join("\n"),
  },
  new_date: {
    subject: `{{ t.new_date_subject }}`,
    html: [
      `<p>{{ t.greeting }}</p>`,
      `<p>{{ t.new_date }}{% if t.reason != blank %} {{ t.reason }}{% endif %}</p>`,
      `{% if cancel_url %}<p>{{ t.cancel_offer }} <a href="{{ cancel_url }}">{{ t.cancel_link }}</a></p>{% endif %}`,
      `<p>{{ t.apology }}</p>`,
      SIGNATURE_HTML,
    ].join("\n"),
    text: [
      `{{ t.greeting }}`,
      ``,
      `{{ t.new_date }}{% if t.reason != blank %} {{ t.reason }}{% endif %}`,
      `{% if cancel_url %}{{ t.cancel_offer }} {{ cancel_url }}{% endif %}`,
      `{{ t.apology }}`,
      ``,
      SIGNATURE_TEXT,
    ].join("\n"),
  },
};

/** Templates are the merchant's: no file system, and a bound on the work one render may do. */
const LIMITS = { relativeReference: false, parseLimit: 50_000, renderLimit: 1_000, memoryLimit: 5_000_000 } as const;
const htmlLiquid = new Liquid({ ...LIMITS, outputEscape: "escape", strictFilters: true });
const textLiquid = new Liquid({ ...LIMITS, strictFilters: true });

const engineFor = (part: TemplatePart) => (part === "html" ? htmlLiquid : textLiquid);

/** Why a template cannot be used, in the parser's words (line and column), or null when it parses. */
export function templateError(part: TemplatePart, source: string): string | null {
  try {
    engineFor(part).parse(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
}

export interface NoticeInput {
  kind: NoticeKind;
  locale: NoticeLocale;
  facts: Omit<NoticeFacts, "shipsOn" | "previousShipsOn">;
  /** ISO dates; formatted here in the customer's language. */
  shipsOn: string | null;
  previousShipsOn: string | null;
  reason: string | null;
  shipsRestNow: boolean;
  /** A link to cancel the waiting items, when the app can give one; the template leaves the sentence out without it. */
  cancelUrl: string | null;
}

export interface RenderedNotice {
  subject: string;
  html: string;
  text: string;
}

/** The variables a template sees: the facts, the dates in the customer's language, and `t`, the phrases. */
function variablesOf(input: NoticeInput): Record<string, unknown> {
  const date = (iso: string | null) => (iso ? formatDate(iso, { style: "long", locale: input.locale }) : null);
  const facts: NoticeFacts = { ...input.facts, shipsOn: date(input.shipsOn), previousShipsOn: date(input.previousShipsOn) };
  return {
    t: phrasesFor(input.locale, facts, input.reason),
    shop: { name: facts.shopName },
    order: { name: facts.orderName },
    customer: { name: facts.customerName },
    line: { title: facts.title, quantity: facts.units },
    ships_on: facts.shipsOn,
    previous_ships_on: facts.previousShipsOn,
    ships_rest_now: input.shipsRestNow,
    cancel_url: input.cancelUrl,
    locale: input.locale,
  };
}

/** Renders a notice; throws when a template does not parse (saved templates were checked, see templateError). */
export async function renderNotice(templates: NoticeTemplates, input: NoticeInput): Promise<RenderedNotice> {
  const variables = variablesOf(input);
  const [subject, html, text] = await Promise.all(TEMPLATE_PARTS.map((part) => engineFor(part).parseAndRender(templates[part], variables)));
  return { subject: subject!.replace(/\s+/g, " ").trim(), html: html!.trim(), text: text!.replace(/\n{3,}/g, "\n\n").trim() };
}

/** Sample facts for the Settings preview: a made-up order, never a real customer's. */
export function sampleNotice(kind: NoticeKind, locale: NoticeLocale, today: string, shopName: string): NoticeInput {
  const later = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    kind,
    locale,
    facts: { customerName: "Ada Lovelace", orderName: "#1001", title: "Linen Shirt - Blue / M", units: 2, shopName },
    shipsOn: kind === "new_date" ? later(24) : later(10),
    previousShipsOn: kind === "new_date" ? later(10) : null,
    reason: kind === "new_date" ? "shipment_late" : null,
    shipsRestNow: kind === "confirmation",
    cancelUrl: kind === "new_date" ? "https://example.com/cancel" : null,
  };
}
