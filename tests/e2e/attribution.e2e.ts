/**
 * Who answered and what a status rests on, as a reader sees them in Chromium (issue 23, items 1
 * and 2; issue 15, item 12), with JavaScript and without: the meeting's agenda counts each item's
 * questions; the agenda item shows each question with its response inline (a long one folded in
 * <details>), its status with what it rests on, and that the minutes name no responder, with why;
 * a question's own page says the same. axe finds nothing.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, follow, text } from "./support/browser";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const BULLYING = "How had the accusations of bullying within the Trust been dealt with?";
const CARERS_END = "it was important that they were not forced to.";

for (const javaScript of [true, false]) {
  describe(`who answered and what a status rests on (${javaScript ? "with" : "without"} JavaScript)`, () => {
    it("the agenda counts the questions; the item shows each with its response, status basis and attribution", async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      await tab.open("/meetings/2021-trust-annual-review");
      // Other browser tests raise questions on this item too: at least the 12 the minutes record.
      await expectText(page, /(1[2-9]|[2-9]\d) questions on item 1/);
      if (javaScript) await expectNoAxeViolations(page);
      await follow(page, /questions on item 1/, /\/agenda-items\/[0-9a-f-]{36}#questions-heading$/, page.getByRole("main"));

      const main = page.getByRole("main");
      const question = main.locator("li", { has: page.getByRole("link", { name: text(BULLYING) }) });
      await expect(question.innerText()).resolves.toMatch(text("Answered at the meeting; no follow-up recorded"));
      await expect(question.innerText()).resolves.toMatch(text("As the source states: The minutes record this response as made at the meeting"));
      await expect(question.innerText()).resolves.toMatch(text("Response · Recorded as Sandwell Children's Trust's (the source does not name who responded)"));
      await expect(question.innerText()).resolves.toMatch(text("No allegation had been ignored"));
      await expect(question.innerText()).resolves.toMatch(text("Who responded: The minutes do not say who made this response"));
      // Each of the 12 minuted responses says so (other browser tests add questions of their own here,
      // some of which a clerk closes: only the imported ones are counted).
      expect(await main.getByText("Who responded:").count()).toBeGreaterThanOrEqual(12);
      expect(await question.getByText(/^Closed$/).count()).toBe(0);

      // A long response is folded: its first words, the rest behind "Read the full response".
      const carers = main.locator("li", { has: page.getByRole("link", { name: /young carers/ }) });
      const fullText = carers.getByText(text(CARERS_END));
      expect(await fullText.isVisible()).toBe(false);
      await carers.getByText("Read the full response").click();
      await fullText.waitFor({ state: "visible" });
      if (javaScript) await expectNoAxeViolations(page);
    });

    it("a question's page gives the status's basis and who responded", async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      await tab.open("/questions");
      await follow(page, BULLYING, /\/questions\/[0-9a-f-]{36}$/, page.getByRole("main"));
      await expectText(page, "Answered at the meeting; no follow-up recorded");
      await expectText(page, "As the source states:");
      await expectText(page, "Recorded as Sandwell Children's Trust's (the source does not name who responded)");
      await expectText(page, /because the Trust.s Chief Executive presented the item/);
      await expectText(page, "Not counted: answered at the meeting");
      if (javaScript) await expectNoAxeViolations(page);
    });
  });
}
