/**
 * Whether the app can send notices: an SMTP server (`SMTP_URL`, e.g. smtps://user:pass@smtp.example.com)
 * and a sender address (`NOTICE_FROM`). Without them notices are off and Settings says which is missing.
 */
export type NoticeMailConfig = { ok: true; smtpUrl: string; fromAddress: string } | { ok: false; missing: ("SMTP_URL" | "NOTICE_FROM")[] };

export function noticeMailConfig(env: Record<string, string | undefined> = process.env): NoticeMailConfig {
  const smtpUrl = env.SMTP_URL?.trim() ?? "";
  const fromAddress = env.NOTICE_FROM?.trim() ?? "";
  if (smtpUrl && fromAddress) return { ok: true, smtpUrl, fromAddress };
  return { ok: false, missing: [...(smtpUrl ? [] : ["SMTP_URL" as const]), ...(fromAddress ? [] : ["NOTICE_FROM" as const])] };
}

/**
 * The link that lets a customer cancel the waiting items of a line, or null when the app has none
 * (the template then leaves the sentence out). The self-service cancel page is built apart; at its
 * merge this points at its signed link.
 */
export function cancelLinkFor(_shop: string, _lineItemId: string): string | null {
  return null;
}
