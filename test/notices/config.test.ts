/** Customer emails are on only with a mail server and a sender; otherwise Settings names what is missing. */
import { describe, expect, it } from "vitest";
import { noticeMailConfig } from "../../app/notices/config.server";
import { strings } from "../../app/i18n/strings";

describe("noticeMailConfig", () => {
  it("is on with both, and names each one missing", () => {
    expect(noticeMailConfig({ SMTP_URL: "smtp://127.0.0.1:2525", NOTICE_FROM: "orders@shop.example" })).toEqual({ ok: true, smtpUrl: "smtp://127.0.0.1:2525", fromAddress: "orders@shop.example" });
    expect(noticeMailConfig({ SMTP_URL: " ", NOTICE_FROM: "orders@shop.example" })).toEqual({ ok: false, missing: ["SMTP_URL"] });
    expect(noticeMailConfig({})).toEqual({ ok: false, missing: ["SMTP_URL", "NOTICE_FROM"] });
  });

  it("is told in words on the Settings page", () => {
    const words = (missing: string[]) => strings.notices.off(missing.map((name) => strings.notices.missingWords[name]!));
    expect(words(["SMTP_URL"])).toBe("Customer emails are off: the app has no mail server to send through (SMTP_URL). Whoever runs the app sets it (see the README), then these emails can be sent.");
    expect(words(["SMTP_URL", "NOTICE_FROM"])).toBe(
      "Customer emails are off: the app has no mail server to send through (SMTP_URL) and no sender address (NOTICE_FROM). Whoever runs the app sets them (see the README), then these emails can be sent.",
    );
  });
});
