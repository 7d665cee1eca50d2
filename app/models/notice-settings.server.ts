/** The Settings page's customer emails section: what it shows, its preview, and saving one email. */
import type { PrismaClient } from "@prisma/client";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { isNoticeKind, NOTICE_LOCALES, noticeLocaleOf, type NoticeKind } from "../domain/notices";
import { logMerchantChanges } from "../engine/activity.server";
import { loadSettings, todayIn } from "../engine/settings.server";
import { NOTICE_SHOP_NAME_QUERY } from "../graphql/notices";
import { strings } from "../i18n/strings";
import { noticeMailConfig } from "../notices/config.server";
import { allNoticeSettings, checkTemplates, saveNoticeSettings, type NoticeSettings, type TemplateErrors } from "../notices/settings.server";
import { renderNotice, sampleNotice, type RenderedNotice } from "../notices/templates";

const text = strings.notices;

export interface NoticeSectionData {
  /** Why emails cannot be sent, in words; null when they can. */
  offReason: string | null;
  settings: Record<NoticeKind, NoticeSettings>;
  previews: Record<NoticeKind, RenderedNotice | null>;
  locales: readonly string[];
}

async function shopNameOf(graphql: AdminApiContext["graphql"]): Promise<string> {
  const { data } = await (await graphql(NOTICE_SHOP_NAME_QUERY)).json();
  return data?.shop.name ?? "";
}

async function previewOf(db: PrismaClient, shop: string, shopName: string, kind: NoticeKind, templates: NoticeSettings, locale: string): Promise<RenderedNotice | null> {
  const today = todayIn((await loadSettings(db, shop)).timezone);
  return renderNotice(templates, sampleNotice(kind, noticeLocaleOf(locale), today, shopName)).catch(() => null);
}

export async function loadNoticeSection(db: PrismaClient, shop: string, graphql: AdminApiContext["graphql"]): Promise<NoticeSectionData> {
  const config = noticeMailConfig();
  const settings = await allNoticeSettings(db, shop);
  const shopName = await shopNameOf(graphql);
  return {
    offReason: config.ok ? null : text.off(config.missing.map((name) => text.missingWords[name] ?? name)),
    settings,
    previews: { confirmation: await previewOf(db, shop, shopName, "confirmation", settings.confirmation, "en"), new_date: await previewOf(db, shop, shopName, "new_date", settings.new_date, "en") },
    locales: NOTICE_LOCALES,
  };
}

export type NoticeFormResult =
  | { ok: true; intent: "preview"; kind: NoticeKind; preview: RenderedNotice }
  | { ok: true; intent: "save"; kind: NoticeKind; settings: NoticeSettings }
  | { ok: false; kind: NoticeKind | null; errors: TemplateErrors };

function formSettings(form: FormData): NoticeSettings {
  const field = (name: string) => String(form.get(name) ?? "");
  return { enabled: form.get("enabled") === "true", subject: field("subject"), html: field("html"), text: field("text") };
}

const checkWords = { tooLong: text.errors.tooLong, empty: text.errors.empty, parse: text.errors.parse };

/** A preview of the templates as typed, or a save of them; a template that does not parse saves nothing. */
export async function handleNoticeForm(db: PrismaClient, shop: string, graphql: AdminApiContext["graphql"], form: FormData): Promise<NoticeFormResult> {
  const kind = String(form.get("kind") ?? "");
  if (!isNoticeKind(kind)) return { ok: false, kind: null, errors: {} };
  const settings = formSettings(form);
  const errors = checkTemplates(settings, checkWords);
  if (Object.keys(errors).length > 0) return { ok: false, kind, errors };
  if (form.get("intent") === "preview") {
    const preview = await previewOf(db, shop, await shopNameOf(graphql), kind, settings, String(form.get("locale") ?? "en"));
    return preview ? { ok: true, intent: "preview", kind, preview } : { ok: false, kind, errors: { html: text.errors.render } };
  }
  await saveNoticeSettings(db, shop, kind, settings);
  const changed = text.kinds[kind].title;
  await logMerchantChanges(db, shop, [{ kind: "settings.saved", subject: shop, message: strings.merchantActivity.settingsSaved([changed]), details: { changed: [`notice.${kind}`] } }]);
  return { ok: true, intent: "save", kind, settings };
}
