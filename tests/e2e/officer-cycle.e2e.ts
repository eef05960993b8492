/**
 * Issue 16's "done when", as a Trust officer lives it, with JavaScript and without, every
 * step counted (support/steps.ts: one address typed, the home page; everything else by a
 * link's visible text or a button): the officer finds a question addressed to their
 * organisation in "Our queue", gives a holding response (chosen first, previewed, then
 * published) and finds it still waiting in the queue, as the rules say; then the full
 * response, after which it leaves the queue and the public page shows it. A second
 * question, entered by the clerk after the fact and overdue, is chased by the clerk: the
 * officer finds it first in the queue, marked "Chased by the clerk on …" there and on its
 * page, and answers it.
 * axe on each new kind of page (with JavaScript); the queue and the response form at 390 px.
 *
 * The clerk's part (recording the two questions, the reminder) is set up in its own tab,
 * not counted: the clerk's own cycle is tests/e2e/meeting-cycle.e2e.ts.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectText, type ReaderTab } from "./support/browser";
import { fillDate } from "./support/date-input";
import { signInFromHome, Steps } from "./support/steps";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const MEETING = "/meetings/2021-trust-annual-review";
const londonDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
const todayText = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date());
const mainText = async (page: Page) => (await page.getByRole("main").innerText()).replace(/\s+/g, " ");

/** The clerk's upcoming meeting of the Scrutiny Board, its agenda of one item published: the item's public address. */
async function upcomingItem(clerk: ReaderTab, title: string) {
  await clerk.open("/clerk/meetings/new");
  await clerk.page.getByLabel("Board or committee").selectOption({ label: "Scrutiny Board" });
  await clerk.page.getByLabel("Title").fill(title);
  await fillDate(clerk.page, "day", londonDay(14));
  await clerk.page.getByLabel("Start time").fill("18:00");
  await submitAndWait(clerk.page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
  await clerk.page.getByLabel("Title").fill(`Workforce report (${title})`);
  await submitAndWait(clerk.page, "Add item", /done=added/);
  await submitAndWait(clerk.page, "Publish agenda", /done=published/);
  const href = await clerk.page.getByRole("link", { name: `Workforce report (${title})` }).getAttribute("href");
  return `/agenda-items/${href!.split("/").pop()}`;
}

/** The clerk records a question on an item (after the fact when dates are given: then on the seeded 2021 meeting). */
async function recordQuestion(clerk: ReaderTab, item: string, text: string, dates?: { tabledOn: string; dueOn: string }) {
  await clerk.open(item);
  await Promise.all([clerk.page.waitForURL(/\/questions\/new\?item=/), clerk.page.getByRole("link", { name: /Record a question/ }).first().click()]);
  await clerk.page.getByLabel("Member who asked").selectOption({ index: 1 });
  await clerk.page.getByLabel("Addressed to").selectOption({ label: "Sandwell Children's Trust" });
  await clerk.page.getByLabel("The question", { exact: true }).fill(text);
  if (dates) {
    await clerk.page.getByLabel("This question was raised earlier and is being entered now").check();
    await fillDate(clerk.page, "tabledOn", dates.tabledOn);
    await fillDate(clerk.page, "dueOn", dates.dueOn);
  }
  await submitAndWait(clerk.page, "Record the question", /\/questions\/[0-9a-f-]{36}\?done=accept/);
}

async function respond(officer: Steps, kind: "Holding response" | "Full response", body: string, more: { expectedOn?: string; action?: string } = {}) {
  const { page } = officer;
  await page.getByLabel(kind, { exact: true }).check();
  await officer.press("Continue", { exact: true });
  await page.locator("#body").waitFor();
  await officer.axe(`${kind} form`);
  if (kind === "Holding response") expect(await page.locator("#actionDescription").count()).toBe(0);
  else expect(await page.locator("#expectedOn").count()).toBe(0);
  await page.locator("#body").fill(body);
  if (more.expectedOn) await fillDate(page, "expectedOn", more.expectedOn);
  if (more.action) {
    await page.locator("#actionDescription").fill(more.action);
    await fillDate(page, "actionDueOn", londonDay(60));
  }
  await officer.fits390();
  await officer.press("Preview the response");
  await expectText(page, "Check the response before publishing it");
  await expectText(page, body);
  await officer.axe("response preview");
  await officer.press("Publish the response");
  await expectText(page, "The response is published");
}

async function journey(javaScript: boolean) {
  const mark = `${javaScript ? "JS" : "no JS"} ${Date.now().toString(36)}`;
  const fresh = `How many social workers left in the last quarter? (${mark})`;
  const overdue = `When will the fostering review report? (${mark})`;

  // The clerk's part, not counted: a question now, and one entered after the fact, overdue and chased.
  const clerk = await newTab(false);
  await signIn(clerk, "clerk");
  await recordQuestion(clerk, await upcomingItem(clerk, `Officer cycle (${mark})`), fresh);
  await clerk.open(MEETING);
  const seededItem = await clerk.page.getByRole("main").locator('a[href^="/agenda-items/"]').first().getAttribute("href");
  await recordQuestion(clerk, seededItem!, overdue, { tabledOn: londonDay(-40), dueOn: londonDay(-3) });
  await clerk.open("/clerk/chase");
  await clerk.page.getByLabel(`Select: ${overdue}`).check();
  await submitAndWait(clerk.page, "Send reminders to the selected", /sent=1/);

  const officer = new Steps(await newTab(javaScript), javaScript, "officer");
  const { page } = officer;
  await signInFromHome(officer, "officer");

  // 1. The queue: the overdue, chased question first (soonest due first), then the new one.
  officer.begin("Find the question in our queue");
  await officer.nav("Our queue");
  await officer.axe("queue");
  await officer.fits390();
  // The questions' part of the queue (the page's text before "Our open actions"): a table, or "There are no questions to show."
  const queue = async () => (await mainText(page)).split("Our open actions")[0];
  const rows = await queue();
  expect(rows).toContain(fresh);
  expect(rows.indexOf(overdue)).toBeGreaterThanOrEqual(0);
  expect(rows.indexOf(overdue)).toBeLessThan(rows.indexOf(fresh));
  // The clerk's reminder shows on its row, not on the other.
  const row = (question: string) => page.getByRole("main").getByRole("row").filter({ hasText: question });
  expect(await row(overdue).innerText()).toContain(`Chased by the clerk on ${todayText}`);
  expect(await row(fresh).innerText()).not.toContain("Chased");
  await officer.follow(fresh, { exact: true });
  await officer.axe("question");

  // 2. A holding response: chosen first, previewed, published; the question still awaits a full answer.
  officer.begin("Give a holding response");
  await respond(officer, "Holding response", `We are collecting the figures from HR (${mark}).`, { expectedOn: londonDay(30) });
  await officer.nav("Our queue");
  expect(await queue()).toContain(fresh);

  // 3. The full response: the question leaves the queue; the public page shows both responses.
  officer.begin("Give the full response");
  await officer.follow(fresh, { exact: true });
  const action = `Report the vacancy rate each quarter (${mark})`;
  await respond(officer, "Full response", `Eleven social workers left; six posts are filled (${mark}).`, { action });
  let text = await mainText(page);
  expect(text).toContain(`Holding response (full response expected by`);
  expect(text).toContain(`Eleven social workers left; six posts are filled (${mark}).`);
  await officer.nav("Our queue");
  expect(await queue()).not.toContain(fresh);

  // 4. The follow-up action the response promised: in "Our open actions", completed with its evidence.
  officer.begin("Complete the follow-up action");
  await officer.follow(action, { exact: true });
  await officer.axe("action");
  await page.getByLabel("Complete the action").fill(`The vacancy rate is now in the quarterly performance report (${mark}).`);
  await officer.press("Complete the action", { exact: true, urlPattern: /done=complete/ });
  await expectText(page, "The action is completed.");
  await officer.nav("Our queue");
  expect(await mainText(page)).not.toContain(action);

  // 5. The chased question: the reminder is on its timeline; answered in full.
  officer.begin("Answer the chased question");
  await officer.follow(overdue, { exact: true });
  text = await mainText(page);
  expect(text).toContain(`Chased by Demo Clerk on ${todayText}`);
  expect(text).toContain("Overdue");
  await respond(officer, "Full response", `The review reports in March (${mark}).`);
  await officer.nav("Our queue");
  expect(await queue()).not.toContain(overdue);

  officer.report("The officer's cycle");
  for (const [stage, n] of officer.table()) expect(n, stage).toBeLessThanOrEqual(8);
}

describe("an officer answers their questions, a chased one too, without a workaround", () => {
  it("with JavaScript", async () => {
    await journey(true);
  }, 180_000);
  it("without JavaScript", async () => {
    await journey(false);
  }, 180_000);
});
