/**
 * Issue 16, items 5 and 8, as a clerk sees them.
 * - The agenda builder: an item is made a sub-item of another through its "Part of" field and
 *   moved out again, and the public agenda's numbering follows; "Remove" asks on its own page
 *   what goes with the item, then removes it.
 * - Dates: the meeting, membership, inspection and register filter forms take dates in the
 *   GOV.UK date input's three boxes; a wrong date gets the message beside the field and the
 *   boxes keep what was typed, with and without JavaScript, at 1280 and 390 px; axe finds nothing.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, type ReaderTab } from "./support/browser";
import { dateValue, fillDate } from "./support/date-input";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const RUN = Date.now().toString(36);

function dayFromNow(days: number) {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
}

/** Posts a form answered with the same page and its errors (a 400, expected). */
async function submitWithErrors(tab: ReaderTab, button: string) {
  await Promise.all([tab.page.waitForLoadState("load"), tab.page.getByRole("button", { name: button, exact: true }).click()]);
  await expectText(tab.page, "There is a problem");
  expect(await tab.page.title()).toMatch(/^Error: /);
  expect(tab.problems().filter((p) => !/answered 400|status of 400/.test(p))).toEqual([]);
  tab.clearProblems();
}

/** The date's message sits in its fieldset, beside the boxes. */
async function expectDateError(page: Page, name: string, message: string) {
  const text = await page.locator(`#${name}-error`).textContent();
  expect(text).toContain(message);
}

async function mainText(page: Page) {
  return (await page.locator("main").textContent()) ?? "";
}

async function addItem(page: Page, title: string) {
  await page.getByLabel("Title", { exact: true }).fill(title);
  await submitAndWait(page, "Add item", /\?done=added/);
}

describe("the agenda builder", () => {
  it("makes an item a sub-item and moves it out, the public numbering following; removes an item after confirming", async () => {
    const tab = await newTab();
    const { page } = tab;
    await signIn(tab, "clerk");
    await tab.open("/clerk/meetings/new");
    await page.getByLabel("Board or committee").selectOption({ index: 1 });
    await page.getByLabel("Title").fill(`Agenda test ${RUN}`);
    await fillDate(page, "day", dayFromNow(45));
    await page.getByLabel("Start time").fill("18:00");
    await submitAndWait(page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
    const meetingPath = new URL(page.url()).pathname;
    for (const title of ["Alpha", "Beta", "Gamma"]) await addItem(page, `${title} ${RUN}`);
    await submitAndWait(page, "Publish agenda", /\?done=published/);
    const publicPath = new URL(await page.getByRole("link", { name: "Public page" }).getAttribute("href") ?? "", "http://x").pathname;

    const reader = await newTab(false);
    await reader.open(publicPath);
    expect(await mainText(reader.page)).toContain(`Item 3: Gamma ${RUN}`);

    // Gamma becomes part of Beta: 2.1.
    await page.getByRole("link", { name: `Gamma ${RUN}` }).click();
    await page.waitForURL(/\/clerk\/items\/[0-9a-f-]{36}$/);
    const itemPath = new URL(page.url()).pathname;
    await page.getByLabel("Part of").selectOption({ label: `2. Beta ${RUN}` });
    await submitAndWait(page, "Move the item", /\?done=part-of/);
    await expectText(page, "its number is now 2.1");
    await expectNoAxeViolations(page);
    await reader.open(publicPath);
    expect(await mainText(reader.page)).toContain(`Item 2.1: Gamma ${RUN}`);

    // Beta has a sub-item: it cannot become one (the message beside the field).
    await tab.open(meetingPath);
    await page.getByRole("link", { name: `Beta ${RUN}` }).click();
    await page.waitForURL(/\/clerk\/items\/[0-9a-f-]{36}$/);
    await page.getByLabel("Part of").selectOption({ label: `1. Alpha ${RUN}` });
    await submitWithErrors(tab, "Move the item");
    expect(await page.locator("#parentId-error").textContent()).toContain("a sub-item cannot have sub-items");
    await expectNoAxeViolations(page);

    // Gamma moves out again: 3.
    await tab.open(itemPath);
    await page.getByLabel("Part of").selectOption({ label: "Not part of another item" });
    await submitAndWait(page, "Move the item", /\?done=part-of/);
    await expectText(page, "its number is now 3");
    await reader.open(publicPath);
    expect(await mainText(reader.page)).toContain(`Item 3: Gamma ${RUN}`);

    // A draft item is removed after its confirmation page.
    await tab.open(meetingPath);
    await addItem(page, `Delta ${RUN}`);
    await page.getByRole("link", { name: new RegExp(`Remove.*Delta ${RUN}`) }).click();
    await page.waitForURL(/\/remove$/);
    await expectText(page, `Remove item 4: Delta ${RUN}`);
    await expectText(page, "What goes with it");
    await expectNoAxeViolations(page);
    await submitAndWait(page, "Remove the item", /\?done=removed/);
    await expectText(page, "Agenda item removed.");
    expect(await mainText(page)).not.toContain(`Delta ${RUN}`);
  });
});

describe("dates in three boxes", () => {
  for (const javaScript of [true, false]) {
    // axe-core runs in the page, which a tab without JavaScript cannot do: checked with JavaScript only
    // (the page without scripts is the server's same HTML).
    it(`keep what was typed and show the message beside the field (${javaScript ? "with" : "without"} JavaScript)`, async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      if (!javaScript) await page.setViewportSize({ width: 390, height: 900 });
      await signIn(tab, "clerk");

      // A meeting: 31 February is not a real date.
      await tab.open("/clerk/meetings/new");
      await page.getByLabel("Board or committee").selectOption({ index: 1 });
      await page.getByLabel("Title").fill(`Dates test ${RUN}`);
      await fillDate(page, "day", "31/2/2099");
      await page.getByLabel("Start time").fill("18:00");
      await submitWithErrors(tab, "Create meeting");
      await expectDateError(page, "day", "The date of the meeting must be a real date");
      expect(await dateValue(page, "day")).toBe("31/2/2099");
      if (javaScript) await expectNoAxeViolations(page);

      // A membership term: a month is missing.
      await tab.open("/clerk/bodies");
      await Promise.all([page.waitForURL(/\/clerk\/bodies\/[0-9a-f-]{36}$/), page.locator("main a[href^='/clerk/bodies/']:not([href$='/new'])").first().click()]);
      await fillDate(page, "startOn", "1//2024");
      await submitWithErrors(tab, "Add member");
      await expectDateError(page, "startOn", "Start of term must include a month");
      expect(await dateValue(page, "startOn")).toBe("1//2024");
      if (javaScript) await expectNoAxeViolations(page);

      // An inspection: a month that does not exist; then a month-only date is accepted.
      await tab.open("/inspections/new");
      const title = `Focused visit ${RUN} ${javaScript ? "js" : "nojs"}`;
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Kind").selectOption("focused_visit");
      await fillDate(page, "visitStartOn", "/13/2024");
      await submitWithErrors(tab, "Save inspection");
      await expectDateError(page, "visitStartOn", "First day of the visit must be a real date");
      expect(await dateValue(page, "visitStartOn")).toBe("/13/2024");
      if (javaScript) await expectNoAxeViolations(page);
      await fillDate(page, "visitStartOn", "/11/2024");
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/inspections/new")), page.getByRole("button", { name: "Save inspection" }).click()]);
      await page.waitForLoadState("load");
      // Recorded: the edit page shows the month-only date with the day box empty.
      expect(await dateValue(page, "visitStartOn")).toBe("/11/2024");

      // The questions register's filter.
      await tab.open("/questions");
      if (!(await page.locator("details.portal-filters-disclosure").evaluate((d) => (d as HTMLDetailsElement).open))) {
        await page.locator("details.portal-filters-disclosure summary").click();
      }
      await fillDate(page, "from", "31/2/2026");
      await Promise.all([page.waitForURL(/from-day=31/), page.getByRole("button", { name: "Apply filters" }).click()]);
      await page.waitForLoadState("load");
      await expectDateError(page, "from", "Tabled from must be a real date");
      expect(await dateValue(page, "from")).toBe("31/2/2026");
      if (javaScript) await expectNoAxeViolations(page);
      // An old link's from=YYYY-MM-DD still reads, shown in the boxes.
      await tab.open("/actions?from=2026-03-31");
      expect(await dateValue(page, "from")).toBe("31/3/2026");
    });
  }
});
