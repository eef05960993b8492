/**
 * Issue 18, item 1, in Chromium: /people lists the people the public record
 * names (never a demo login), a person's page says where the sources name
 * them, with and without JavaScript, at 390 px without sideways scrolling, and
 * axe finds nothing.
 */
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, follow } from "./support/browser";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();

describe("people pages", () => {
  for (const javaScript of [true, false]) {
    it(`a reader finds a person named in the sources and reads where (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      await tab.open("/people");
      expect(await page.locator("h1").innerText()).toBe("People");
      expect(await page.title()).toMatch(/^People – /);
      await expectText(page, "Emma Taylor");
      expect(await page.locator("main").innerText()).not.toMatch(/Demo (Member|Officer|Clerk|Administrator)/);
      if (javaScript) await expectNoAxeViolations(page);
      await follow(page, "Emma Taylor", /\/people\/emma-taylor$/);
      expect(await page.locator("h1").innerText()).toBe("Emma Taylor");
      await expectText(page, "Where the sources name them:");
      await expectText(page, "No attendance is recorded for Emma Taylor");
      if (javaScript) await expectNoAxeViolations(page);
    });
  }

  it("fits a 390 px screen", async () => {
    const tab = await newTab();
    const { page } = tab;
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/people", "/people/simon-hackett"]) {
      await tab.open(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });

  it("a person not in the record is not found", async () => {
    const tab = await newTab();
    await tab.open("/people/no-such-person", { status: 404 });
  });
});
