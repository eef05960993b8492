/**
 * Searching as a reader does, with and without JavaScript: the header's search
 * box, results with a highlighted snippet, filters, an error beside the field;
 * axe-core reports no WCAG 2.2 A/AA violations on the search page; the meeting
 * page's schema.org JSON-LD does not break the Content-Security-Policy.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { dateValue, fillDate } from "./support/date-input";
import { expectText, expectVisible, launchBrowser, openReaderTab, type ReaderTab } from "./support/browser";

/**
 * axe runs scripts in the page, which a tab without JavaScript cannot: the page a
 * reader without JavaScript gets (the server's HTML) is checked in a tab whose
 * documents have their scripts removed on the way in.
 */
async function expectNoAxeViolationsWithoutScripts(path: string, status = 200) {
  const checker = await openReaderTab(browser);
  try {
    await checker.context.route(/\/search/, async (route) => {
      if (route.request().resourceType() !== "document") return route.continue();
      const response = await route.fetch();
      const html = (await response.text())
        .replace(/<script\b[\s\S]*?<\/script>/g, "")
        .replace(/<link rel="modulepreload"[^>]*>/g, "");
      await route.fulfill({ response, body: html });
    });
    await checker.open(path, { status });
    expect(await checker.page.locator("script:not([type='application/ld+json'])").count()).toBe(0);
    await expectNoAxeViolations(checker.page);
    checker.expectNoProblems();
  } finally {
    await checker.close();
  }
}

let browser: Browser;
let tab: ReaderTab;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  try {
    tab?.expectNoProblems();
  } finally {
    await tab?.close();
  }
});

describe.each([true, false])("search (JavaScript %s)", (javaScript) => {
  it("the header's search box finds the focused visit letter first of the documents, highlighted", async () => {
    tab = await openReaderTab(browser, { javaScript });
    await tab.open("/");
    await tab.page.getByRole("search").getByRole("searchbox").fill("supervision");
    await tab.page.getByRole("search").getByRole("button").click();
    await tab.page.waitForURL(/\/search\?q=supervision/);
    await tab.page.waitForLoadState("load");
    await expectVisible(tab.page.getByRole("heading", { level: 1, name: "Search" }), "the search page");
    // Title matches come first (ADR 047): records other tests made with "supervision" in their
    // title (an action) may precede it. The letter is the first document, its snippet highlighted.
    const first = tab.page.locator(".portal-search-results > li").filter({ hasText: /Document ·/ }).first();
    await expectVisible(first.getByRole("link", { name: /focused visit/i }), "the focused visit letter first of the documents");
    expect(await first.locator("mark").count()).toBeGreaterThan(0);
    if (javaScript) await expectNoAxeViolations(tab.page);
    else await expectNoAxeViolationsWithoutScripts("/search?q=supervision");
  });

  it("filters, an empty result and a bad date pass axe", async () => {
    tab = await openReaderTab(browser, { javaScript });
    await tab.open("/search?q=Ofsted&kind=question&sort=date");
    await expectText(tab.page, /\d+ results?/);
    if (javaScript) await expectNoAxeViolations(tab.page);
    else await expectNoAxeViolationsWithoutScripts("/search?q=Ofsted&kind=question&sort=date");
    await tab.open("/search?q=nosuchwordanywhere");
    await expectText(tab.page, "No results");
    // The dates are the GOV.UK date input (three boxes), as on every other form: a bad one
    // is answered beside its field, what was typed kept.
    await tab.open("/search?q=Ofsted");
    await tab.page.getByText("Filter and sort").click();
    await fillDate(tab.page, "from", "45/13/2024");
    await fillDate(tab.page, "to", "/3/2025");
    await Promise.all([tab.page.waitForURL(/from-day=45/), tab.page.getByRole("main").getByRole("button", { name: "Search", exact: true }).click()]);
    await tab.page.waitForLoadState("networkidle");
    await expectVisible(tab.page.getByRole("link", { name: "From must be a real date" }), "the error summary link");
    await expectVisible(tab.page.getByRole("link", { name: "To must include a day" }), "the second error summary link");
    await expectVisible(tab.page.locator("#from-error"), "the message beside the From boxes");
    expect(await dateValue(tab.page, "from")).toBe("45/13/2024");
    expect(await dateValue(tab.page, "to")).toBe("/3/2025");
    expect(await tab.page.title()).toMatch(/^Error: /);
    const bad = new URL(tab.page.url()).pathname + new URL(tab.page.url()).search;
    if (javaScript) await expectNoAxeViolations(tab.page);
    else await expectNoAxeViolationsWithoutScripts(bad, 400);
    tab.clearProblems(); // the refused search's 400, on purpose
    // Corrected, the search runs within the dates; the old single-box address still works.
    await fillDate(tab.page, "from", "1/1/2020");
    await fillDate(tab.page, "to", "31/12/2025");
    await Promise.all([tab.page.waitForURL(/from-day=1&/), tab.page.getByRole("main").getByRole("button", { name: "Search", exact: true }).click()]);
    await expectText(tab.page, /\d+ results?|No results/);
    await tab.open("/search?q=Ofsted&from=2024-13-45", { status: 400 });
    await expectVisible(tab.page.getByRole("link", { name: "From must be a real date" }), "the error summary link (an old address)");
    expect(await dateValue(tab.page, "from")).toBe("45/13/2024");
  });
});

it("the meeting page carries schema.org Event data within the CSP", async () => {
  tab = await openReaderTab(browser);
  await tab.open("/meetings/2021-trust-annual-review");
  const data = JSON.parse((await tab.page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(data["@type"]).toBe("Event");
  // The sources give only the year: schema.org gets the year, not an invented day.
  expect(data.startDate).toMatch(/^2021(-|$)/);
});
