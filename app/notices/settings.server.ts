/** The merchant's notice settings: each kind on or off, and its templates (the app's own when not edited). */
import type { PrismaClient } from "@prisma/client";
import { NOTICE_KINDS, type NoticeKind } from "../domain/notices";
import { DEFAULT_TEMPLATES, TEMPLATE_PARTS, templateError, type NoticeTemplates, type TemplatePart } from "./templates";

export type NoticeSettings = NoticeTemplates & { enabled: boolean };

/** Longest template the merchant may save, in characters. */
export const TEMPLATE_MAX_LENGTH = 20_000;

export async function noticeTemplatesOf(db: PrismaClient, shop: string, kind: NoticeKind): Promise<NoticeSettings> {
  const row = await db.noticeTemplate.findUnique({ where: { shop_kind: { shop, kind } } });
  const defaults = DEFAULT_TEMPLATES[kind];
  return { enabled: row?.enabled ?? true, subject: row?.subject ?? defaults.subject, html: row?.html ?? defaults.html, text: row?.text ?? defaults.text };
}

export async function allNoticeSettings(db: PrismaClient, shop: string): Promise<Record<NoticeKind, NoticeSettings>> {
  const entries = await Promise.all(NOTICE_KINDS.map(async (kind) => [kind, await noticeTemplatesOf(db, shop, kind)] as const));
  return Object.fromEntries(entries) as Record<NoticeKind, NoticeSettings>;
}

export type TemplateErrors = Partial<Record<TemplatePart, string>>;

/** The templates checked: each must parse and be within bounds; a subject must not be empty. */
export function checkTemplates(templates: NoticeTemplates, words: { tooLong: string; empty: string; parse: (detail: string) => string }): TemplateErrors {
  const errors: TemplateErrors = {};
  for (const part of TEMPLATE_PARTS) {
    const source = templates[part];
    if (source.length > TEMPLATE_MAX_LENGTH) errors[part] = words.tooLong;
    else if (source.trim() === "") errors[part] = words.empty;
    else {
      const problem = templateError(part, source);
      if (problem) errors[part] = words.parse(problem);
    }
  }
  return errors;
}

/** Saves one kind's settings; a template equal to the app's own is stored as "not edited", so later defaults reach it. */
export async function saveNoticeSettings(db: PrismaClient, shop: string, kind: NoticeKind, settings: NoticeSettings): Promise<void> {
  const defaults = DEFAULT_TEMPLATES[kind];
  const own = (part: TemplatePart) => (settings[part] === defaults[part] ? null : settings[part]);
  const data = { enabled: settings.enabled, subject: own("subject"), html: own("html"), text: own("text") };
  await db.noticeTemplate.upsert({ where: { shop_kind: { shop, kind } }, create: { shop, kind, ...data }, update: data });
}
