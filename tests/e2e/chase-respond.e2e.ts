/**
 * Issue 16, items 2, 9 and 11, as people see them in a browser:
 * - the clerk enters a question of the 2021 meeting after the fact (due long ago: overdue),
 *   then chases it from the chase list without JavaScript: nothing chosen is answered beside
 *   the checkboxes; a selection sends; the question page says "Chased by Demo Clerk on <today>";
 * - the officer chooses a holding response, previews it as the public page will show it,
 *   publishes it; then a full one the same way; then corrects it, seeing old beside new;
 * - a member is refused a question on the 2021 meeting's item (closed business), the message
 *   beside the field.
 * axe finds nothing on the pages with JavaScript; the pages fit 390 px.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { baseURL } from "./support/browser";
import { setQuestionWindow } from "./support/question-window";
import { browserWithTabs } from "./support/tabs";

const MEETING = "/meetings/2021-trust-annual-review";
const { newTab } = browserWithTabs();
const stamp = Date.now().toString(36);
const QUESTION = `How many placements ended early in 2021 (${stamp})?`;
const todayText = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date());
const mainText = async (page: Page) => (await page.getByRole("main").innerText()).replace(/\s+/g, " ");
let questionPath = "";

/** Clicks a button and waits for its answer: a page load without JavaScript, Remix's fetch with it. */
async function click(page: Page, name: string | RegExp, javaScript = false) {
  const answered = javaScript
    ? page.waitForResponse((r) => r.request().resourceType() === "fetch" || r.request().isNavigationRequest())
    : page.waitForResponse((r) => r.request().isNavigationRequest());
  await Promise.all([answered, page.getByRole("button", { name }).click()]);
  await page.waitForLoadState(javaScript ? "networkidle" : "load");
}

async function fits390(page: Page) {
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function toItem(page: Page, open: (path: string) => Promise<unknown>) {
  await open(MEETING);
  await page.getByRole("main").locator('a[href^="/agenda-items/"]').first().click();
  await page.waitForURL(/\/agenda-items\//);
}

describe("chasing, responding and closed business", () => {
  it("the clerk enters a past question after the fact and chases it without JavaScript", async () => {
    const clerk = await newTab(false);
    await signIn(clerk, "clerk");
    await toItem(clerk.page, clerk.open);
    await Promise.all([clerk.page.waitForURL(/\/questions\/new\?item=/), clerk.page.getByRole("link", { name: /question/i }).filter({ hasText: /Record|Raise/ }).first().click()]);
    await clerk.page.getByLabel("Member who asked").selectOption({ index: 1 });
    await clerk.page.getByLabel("Addressed to").selectOption({ label: "Sandwell Children's Trust" });
    await clerk.page.getByLabel("The question").fill(QUESTION);
    await clerk.page.getByLabel("This question was raised earlier and is being entered now").check();
    const dates = { tabledOn: ["1", "2", "2021"], dueOn: ["2", "2", "2021"] };
    for (const [name, [d, m, y]] of Object.entries(dates)) {
      await clerk.page.locator(`#${name}`).fill(d);
      await clerk.page.locator(`#${name}-month`).fill(m);
      await clerk.page.locator(`#${name}-year`).fill(y);
    }
    await click(clerk.page, "Record the question");
    expect(clerk.page.url()).toMatch(/\/questions\/[0-9a-f-]{36}\?done=accept/);
    questionPath = new URL(clerk.page.url()).pathname;
    let text = await mainText(clerk.page);
    expect(text).toContain("Entered after the fact");
    expect(text).toMatch(/Tabled 1 February 2021/);
    expect(text).toContain("Overdue");

    await clerk.open("/clerk/chase");
    await fits390(clerk.page);
    await click(clerk.page, "Send reminders to the selected");
    expect(await clerk.page.locator("#records-error").innerText()).toContain("Select at least one question or action to send a reminder about");
    expect(await clerk.page.title()).toMatch(/^Error: /);
    clerk.clearProblems(); // the refused form's 400, on purpose
    await clerk.page.getByLabel(`Select: ${QUESTION}`).check();
    await click(clerk.page, "Send reminders to the selected");
    expect(await mainText(clerk.page)).toMatch(/1 reminder sent/);
    expect(await clerk.page.getByRole("main").innerText()).toContain("Chased today");

    await clerk.open(questionPath);
    text = await mainText(clerk.page);
    expect(text).toContain(`Chased by Demo Clerk on ${todayText}`);
  });

  it("the clerk's pages pass axe with JavaScript", async () => {
    const clerk = await newTab(true);
    await signIn(clerk, "clerk");
    await clerk.open("/clerk/chase");
    await expectNoAxeViolations(clerk.page);
    await clerk.open(questionPath);
    await expectNoAxeViolations(clerk.page);
  });

  {
    it("the officer gives a holding response, then a full one, each previewed, then corrects it seeing old beside new (without JavaScript)", async () => {
      const officer = await newTab(false);
      await signIn(officer, "officer");
      await officer.open(questionPath);
      await click(officer.page, "Continue");
      expect(await officer.page.getByRole("main").innerText()).toContain("Select whether this is a holding or a full response");
      officer.clearProblems();
      await officer.page.getByLabel("Holding response").check();
      await click(officer.page, "Continue");
      expect(await officer.page.getByLabel("Action").count()).toBe(0);
      await officer.page.locator("#body").fill("We are checking the 2021 records.");
      await officer.page.locator("#expectedOn").fill("31");
      await officer.page.locator("#expectedOn-month").fill("1");
      await officer.page.locator("#expectedOn-year").fill("2099");
      await click(officer.page, "Preview the response");
      let text = await mainText(officer.page);
      expect(text).toContain("Check the response before publishing it");
      expect(text).toContain("Holding response (full response expected by 31 January 2099)");
      expect(text).toContain("We are checking the 2021 records.");
      await fits390(officer.page);
      await click(officer.page, "Publish the response");
      expect(await mainText(officer.page)).toContain("The response is published");

      // A full response now: chosen first, then only its fields (no expected date).
      await officer.page.getByLabel("Full response", { exact: true }).check();
      await click(officer.page, "Continue");
      expect(await officer.page.locator("#expectedOn").count()).toBe(0);
      expect(await officer.page.locator("#actionDescription").count()).toBe(1);
      await officer.page.locator("#body").fill("Nine placements ended early.");
      await click(officer.page, "Preview the response");
      text = await mainText(officer.page);
      expect(text).toContain("Check the response before publishing it");
      await click(officer.page, "Change the response");
      expect(await officer.page.locator("#body").inputValue()).toBe("Nine placements ended early.");
      await click(officer.page, "Preview the response");
      await click(officer.page, "Publish the response");

      await officer.page.getByLabel("Correct the response").fill("Ten placements ended early.");
      await click(officer.page, "Compare with the published text");
      text = await mainText(officer.page);
      expect(text).toMatch(/Published now Nine placements ended early\. Your correction Ten placements ended early\./);
      await fits390(officer.page);
      await click(officer.page, "Publish the correction");
      text = await mainText(officer.page);
      expect(text).toContain("The correction is published");
      expect(text).toContain("Ten placements ended early.");
    });
  }

  it("the officer's steps pass axe with JavaScript", async () => {
    const officer = await newTab(true);
    await signIn(officer, "officer");
    await officer.open(questionPath);
    await expectNoAxeViolations(officer.page);
    await officer.page.getByLabel("Correct the response").fill("Eleven placements ended early.");
    await click(officer.page, "Compare with the published text", true);
    await officer.page.getByText("Your correction").waitFor();
    await expectNoAxeViolations(officer.page);
  });

  it("a member is refused a question on the 2021 meeting's item: closed business, the message beside the field", async () => {
    // Other journeys open the seeded board's window; closed business is the default 28 days.
    await setQuestionWindow(baseURL(), 28);
    for (const javaScript of [false, true]) {
      const member = await newTab(javaScript);
      await signIn(member, "member");
      await toItem(member.page, member.open);
      await Promise.all([member.page.waitForURL(/\/questions\/new\?item=/), member.page.getByRole("link", { name: "Raise a question on this item" }).click()]);
      await member.page.getByRole("heading", { level: 1, name: "Raise a question" }).waitFor();
      expect(await mainText(member.page)).toContain("Questions on this item closed on");
      expect(await member.page.getByLabel("Addressed to").locator("option", { hasText: "Ofsted" }).count()).toBe(0);
      await member.page.getByLabel("Your question").fill(`Too late? (${stamp})`);
      await click(member.page, "Send the question", javaScript);
      expect(await member.page.locator("#text-error").innerText()).toMatch(/Questions on this item closed on .+ Ask the clerk if it must still be recorded/);
      expect(await member.page.getByLabel("Your question").inputValue()).toBe(`Too late? (${stamp})`);
      member.clearProblems(); // the refused form's 409, on purpose
      if (javaScript) await expectNoAxeViolations(member.page);
      await fits390(member.page);
    }
  });
});
