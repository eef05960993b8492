/**
 * What the board oversees, as a reader sees it in Chromium on the imported
 * content (issue 23 items 2, 3 and 4; issue 15 item 6): counts the sources give
 * only in part say so; the focused visit's point is named in the letter's own
 * words, not called a recommendation; a status worked out by a rule says how,
 * beside it; a priority's page keeps what is linked to it apart from what is
 * only on an agenda item linked to it. Read with and without JavaScript and at
 * 390 px; axe reports no violations.
 */
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { text, type ReaderTab } from "./support/browser";
import { readerTabs } from "./support/tabs";

const readers = readerTabs();

async function rowText(table: Locator, has: string | RegExp): Promise<string> {
  const row = table.locator("tbody tr", { hasText: typeof has === "string" ? text(has) : has }).first();
  await row.waitFor({ state: "visible" });
  return (await row.innerText()).replace(/\s+/g, " ");
}

describe("inspections as the sources count and name them", () => {
  for (const javaScript of [true, false]) {
    it(`/inspections gives the 2018 inspection "6 of 17 known" and the focused visit "1 point to improve" (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const tab = await readers.open({ javaScript });
      await tab.open("/inspections");
      const table = tab.page.getByRole("main").locator("table");
      expect(await rowText(table, "judged inadequate in January 2018")).toContain("6 of 17 known");
      const focused = await rowText(table, "Focused visit to Sandwell Children's Trust");
      expect(focused).toContain("1 point to improve");
      expect(focused).not.toMatch(/recommendation/i);
      // axe runs in the page, so only where the page runs scripts.
      if (javaScript) await expectNoAxeViolations(tab.page);
    });
  }

  it("the focused visit's page names its table in the letter's words, and says why its status is amber", async () => {
    const tab = await readers.open();
    await tab.open("/inspections/ofsted-2024-focused-visit");
    const table = tab.page.getByRole("main").locator("table");
    expect((await table.locator("caption").innerText()).trim()).toBe("What needs to improve (1 point to improve)");
    expect(await rowText(table, "WNI1")).toContain("Worked out by rule:");
    await expectNoAxeViolations(tab.page);
  });

  it("each 2018 recommendation without a due date says beside its status that this is why it is amber", async () => {
    const tab = await readers.open();
    await tab.open("/inspections/ofsted-2018-inspection");
    const table = tab.page.getByRole("main").locator("table");
    expect(await rowText(table, "R3")).toContain("Amber Worked out by rule: Amber: open, no due date set");
    await tab.page.getByRole("link", { name: "R3", exact: true }).click();
    await tab.page.waitForURL(/\/recommendations\/[0-9a-f-]{36}$/);
    await tab.page.waitForLoadState("networkidle");
    const status = tab.page.locator(".govuk-summary-list__row", { hasText: "Status" }).first();
    expect((await status.innerText()).replace(/\s+/g, " ")).toContain("Worked out by rule: Amber: open, no due date set");
    await expectNoAxeViolations(tab.page);
  });

  it("the tracker's Type column calls the focused visit's point what the letter calls it", async () => {
    const tab = await readers.open();
    await tab.open("/reports/tracking?from=2024-01-01&to=2024-12-31");
    // The report's own table (the board's response figures are a table of their own).
    const table = tab.page.getByRole("table", { name: /^Recommendations and actions/ });
    const header = (await table.locator("thead").innerText()).replace(/\s+/g, " ");
    expect(header).toMatch(/^Type Reference/);
    const row = await rowText(table, "WNI1");
    expect(row).toMatch(/^What needs to improve WNI1/);
    expect(row).toContain("Worked out by rule:");
    await expectNoAxeViolations(tab.page);
  });
});

describe("a priority's page", () => {
  for (const width of [1280, 390]) {
    it(`Partnerships lists what is linked to it apart from the questions on its agenda item (${width} px)`, async () => {
      const tab = await readers.open();
      await tab.page.setViewportSize({ width, height: 900 });
      await tab.open("/priorities/partnerships");
      const main = (await tab.page.getByRole("main").innerText()).replace(/\s+/g, " ");
      const linkedAt = main.indexOf("Linked to this priority");
      const itemsAt = main.indexOf("On agenda items linked to this priority");
      expect(linkedAt).toBeGreaterThan(-1);
      expect(itemsAt).toBeGreaterThan(linkedAt);
      const linked = main.slice(linkedAt, itemsAt);
      const onItems = main.slice(itemsAt);
      expect(linked).toMatch(text("Ensure the establishment of a strategic children's partnership across Sandwell."));
      expect(linked).toMatch(text("Partnership work needs developing in Sandwell Children's Trust"));
      expect(linked).toMatch(text("Members commented on the partnership between the Trust and the Local Authority."));
      expect(linked).not.toMatch(/bullying|SEND\) transport/i);
      expect(onItems).toMatch(/bullying/i);
      expect(onItems).toMatch(/SEND\) transport/);
      await expectNoAxeViolations(tab.page);
    });
  }
});
