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
