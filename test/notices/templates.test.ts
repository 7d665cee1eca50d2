/** The notices' Liquid templates: every language, escaping what comes from orders, and templates that do not parse. */
import { describe, expect, it } from "vitest";
import { NOTICE_LOCALES } from "../../app/domain/notices";
import { DEFAULT_TEMPLATES, renderNotice, sampleNotice, templateError } from "../../app/notices/templates";

const TODAY = "2027-03-01";

describe("the default templates", () => {
  for (const locale of NOTICE_LOCALES) {
    it(`render both notices in ${locale}, HTML and plain text, with the dates in that language`, async () => {
      const confirmation = await renderNotice(DEFAULT_TEMPLATES.confirmation, sampleNotice("confirmation", locale, TODAY, "Demo Shop"));
      const newDate = await renderNotice(DEFAULT_TEMPLATES.new_date, sampleNotice("new_date", locale, TODAY, "Demo Shop"));
      const march = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      const day11 = march.format(new Date("2027-03-11T00:00:00Z"));
      const day25 = march.format(new Date("2027-03-25T00:00:00Z"));
      expect(confirmation.text).toContain(day11);
      expect(confirmation.html).toContain(day11);
      expect(confirmation.subject).toContain("#1001");
      expect(newDate.text).toContain(day11);
      expect(newDate.text).toContain(day25);
      expect(newDate.text).toContain("https://example.com/cancel");
      expect(newDate.html).toContain('<a href="https://example.com/cancel">');
      for (const rendered of [confirmation, newDate]) expect(rendered.text).toContain("Demo Shop");
      // Nothing of Liquid left in what a customer reads.
      for (const rendered of [confirmation, newDate]) expect(`${rendered.subject}${rendered.html}${rendered.text}`).not.toMatch(/\{\{|\{%|undefined/);
    });
  }

  it("speak each language's own words", async () => {
    const greetings = await Promise.all(NOTICE_LOCALES.map(async (locale) => (await renderNotice(DEFAULT_TEMPLATES.confirmation, sampleNotice("confirmation", locale, TODAY, "Shop"))).text.split("\n")[0]));
    expect(greetings).toEqual(["Hello Ada Lovelace,", "Bonjour Ada Lovelace,", "Hallo Ada Lovelace,", "Hola, Ada Lovelace:"]);
  });

  it("leave the cancel sentence out when there is no cancel link, and the reason out when it is unknown", async () => {
    const input = { ...sampleNotice("new_date", "en", TODAY, "Shop"), cancelUrl: null, reason: null };
    const rendered = await renderNotice(DEFAULT_TEMPLATES.new_date, input);
    expect(rendered.text).not.toMatch(/cancel/i);
    expect(rendered.html).not.toContain("<a ");
    expect(rendered.text).not.toMatch(/supplier/);
    const withReason = await renderNotice(DEFAULT_TEMPLATES.new_date, { ...input, reason: "shipment_late" });
    expect(withReason.text).toContain("Our supplier's delivery is late.");
  });

  it("say the rest ships now only in ship-in-stock-first mode's case", async () => {
    const input = sampleNotice("confirmation", "en", TODAY, "Shop");
    expect((await renderNotice(DEFAULT_TEMPLATES.confirmation, input)).text).toContain("The rest of your order ships now.");
    expect((await renderNotice(DEFAULT_TEMPLATES.confirmation, { ...input, shipsRestNow: false })).text).not.toContain("rest of your order");
  });
});

describe("what comes from orders", () => {
  it("is escaped in HTML: a product title with a script tag stays text", async () => {
    const input = sampleNotice("confirmation", "en", TODAY, `Tom & Jerry's <b>Shop</b>`);
    input.facts = { ...input.facts, title: `<script>alert("x")</script> Lamp`, customerName: `<img src=x onerror=alert(1)>` };
    const rendered = await renderNotice(DEFAULT_TEMPLATES.confirmation, input);
    expect(rendered.html).not.toContain("<script>");
    expect(rendered.html).not.toContain("<img");
    expect(rendered.html).not.toContain("<b>");
    expect(rendered.html).toContain("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Lamp");
    expect(rendered.html).toContain("Tom &amp; Jerry&#39;s &lt;b&gt;Shop&lt;/b&gt;");
    // Plain text is not HTML: the title reads as the merchant wrote it.
    expect(rendered.text).toContain(`<script>alert("x")</script> Lamp`);
  });

  it("is escaped in a merchant's own template too", async () => {
    const own = { ...DEFAULT_TEMPLATES.confirmation, html: `<h1>{{ line.title }}</h1><p>{{ order.name }} {{ customer.name }}</p>` };
    const input = sampleNotice("confirmation", "en", TODAY, "Shop");
    input.facts = { ...input.facts, title: "<script>x()</script>" };
    expect((await renderNotice(own, input)).html).toBe("<h1>&lt;script&gt;x()&lt;/script&gt;</h1><p>#1001 Ada Lovelace</p>");
  });
});

describe("templateError", () => {
  it("names what does not parse, and accepts what does", () => {
    expect(templateError("html", "<p>{{ t.greeting }}</p>")).toBeNull();
    expect(templateError("html", "{% if ships_on %}<p>open</p>")).toMatch(/tag .*if.* not closed/i);
    expect(templateError("text", "{{ t.greeting | no_such_filter }}")).toMatch(/undefined filter/i);
    expect(templateError("subject", "{{ order.name ")).toMatch(/not closed/i);
  });
});
