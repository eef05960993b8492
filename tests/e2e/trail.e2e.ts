/**
 * From a priority to a recommendation, the action that answers it and the
 * question that prompted the action, in a real browser. A clerk first builds the
 * trail through the portal's own forms (an action on a question; links from the
 * recommendation's end); then a member of the public follows it with and without
 * JavaScript. The printed tracking report keeps its table and drops the site's
 * navigation, without running off the page. axe reports no violations.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "./support/accounts";
import { fillDate } from "./support/date-input";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, expectVisible, follow, launchBrowser, openReaderTab, text, type ReaderTab } from "./support/browser";

const QUESTION = "Members commented on the emphasis on keeping children safe.";
const ACTION = "Audit the regularity of social workers' supervision each month";
const RECOMMENDATION = { inspection: "ofsted-2024-focused-visit", reference: "WNI1", text: "Regularity and quality of supervision of social workers" };

let browser: Browser;
let tab: ReaderTab | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  // The clerk builds the trail once.
  const clerk = await openReaderTab(browser);
  try {
    await signIn(clerk, "clerk");
    const { page } = clerk;
    // The question, from the Practice priority's trail (raised on the annual review item).
    await clerk.open("/priorities/practice");
    await follow(page, QUESTION, /\/questions\/[0-9a-f-]{36}$/, page.getByRole("main"));
    const actionForm = page.locator("form", { has: page.locator('input[name="intent"][value="action"]') });
    await actionForm.locator('textarea[name="newActionDescription"]').fill(ACTION);
    await fillDate(page, "newActionDueOn", "30/6/2030");
    await Promise.all([page.waitForURL(/\/questions\/[0-9a-f-]{36}\?/), actionForm.getByRole("button").click()]);
    await page.waitForLoadState("networkidle");
    await expectText(page, ACTION);

    // The recommendation, from its inspection; link the action and the priority to it.
    await clerk.open(`/inspections/${RECOMMENDATION.inspection}`);
    await follow(page, RECOMMENDATION.reference, /\/recommendations\/[0-9a-f-]{36}$/, page.getByRole("main"));
    await follow(page, "Link records to this recommendation", /\/clerk\/links\?subject=recommendation/);
    await expectVisible(page.getByLabel("Find a record"), "the search box");
    await page.getByLabel("Find a record").fill("supervision each month");
    // The list narrows as the clerk types (JavaScript on).
    await page.locator('select[name="other"] option', { hasText: "supervision each month" }).first().waitFor({ state: "attached" });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('select[name="other"] option')].every((o) => !o.textContent?.startsWith("Priority:")),
    );
    const other = page.locator('select[name="other"]');
    await other.selectOption({ label: `Action: ${ACTION}` });
    await Promise.all([page.waitForURL(/linked=added/), page.getByRole("button", { name: "Link", exact: true }).click()]);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Find a record").fill("Practice");
    await page.waitForFunction(() =>
      [...document.querySelectorAll('select[name="other"] option')].every((o) => !o.textContent?.startsWith("Action:")),
    );
    await other.selectOption({ label: "Priority: Practice" });
    await Promise.all([page.waitForURL(/linked=added/), page.getByRole("button", { name: "Link", exact: true }).click()]);
    await page.waitForLoadState("networkidle");
    await expectText(page, "The records have been linked.");
    await expectNoAxeViolations(page);
    clerk.expectNoProblems();
  } finally {
    await clerk.close();
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  try {
    tab?.expectNoProblems();
  } finally {
    await tab?.close();
    tab = undefined;
  }
});

function h1(page: Page) {
  return page.getByRole("heading", { level: 1 });
}

async function walk(javaScript: boolean) {
  tab = await openReaderTab(browser, { javaScript });
  const { page } = tab;
  await tab.open("/priorities/practice");
  await expectVisible(h1(page).filter({ hasText: "Practice" }), "the priority's heading");
  await expectVisible(page.getByRole("heading", { name: "Linked to this priority" }), "the counts");
  await expectVisible(page.getByRole("table", { name: "Actions opened and closed, by quarter" }), "the chart's table for screen readers");
  // axe runs in the page's JavaScript: checked on the run with JavaScript on.
  if (javaScript) await expectNoAxeViolations(page);

  // Priority -> the recommendation.
  await follow(page, text(`${RECOMMENDATION.reference}: ${RECOMMENDATION.text}`), /\/recommendations\/[0-9a-f-]{36}$/, page.getByRole("main"));
  await expectVisible(h1(page).filter({ hasText: RECOMMENDATION.reference }), "the recommendation's heading");
  await expectText(page, ACTION);
  if (javaScript) await expectNoAxeViolations(page);

  // Recommendation -> the question that prompted its action.
  const row = page.getByRole("row", { name: text(ACTION) });
  await follow(page, "a question", /\/questions\/[0-9a-f-]{36}$/, row);
  await expectText(page, QUESTION);
  await expectText(page, ACTION);
}

describe("the trail from a priority", () => {
  it("leads a reader with JavaScript to the recommendation, its action and the question that prompted it", async () => {
    await walk(true);
  }, 120_000);

  it("works without JavaScript", async () => {
    await walk(false);
  }, 120_000);
});

describe("the printed tracking report", () => {
  it("keeps the table and the RAG rule, hides the navigation and fits the page", async () => {
    tab = await openReaderTab(browser);
    const { page } = tab;
    await tab.open("/reports/tracking?from=2017-01-01&to=2030-12-31");
    await expectVisible(page.getByRole("table", { name: /^Recommendations and actions/ }), "the report's table");
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    expect(await page.locator("form", { has: page.locator('input[name="from"]') }).isVisible()).toBe(false);
    expect(await page.getByRole("table", { name: /^Recommendations and actions/ }).isVisible()).toBe(true);
    await expectText(page, /Open, and its due date( \(or that of an action under way answering it\))? has passed\./);
    await expectText(page, RECOMMENDATION.text);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const shot = await page.screenshot({ fullPage: true });
    expect(shot.length).toBeGreaterThan(1000);
  }, 120_000);
});
