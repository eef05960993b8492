/**
 * A question followed to closure in a real browser, with and without JavaScript:
 * a member raises it on an agenda item, a clerk accepts it, an officer gives a
 * holding response and then a full response with an action, the owner completes
 * the action with evidence, and the public timeline shows each step. Every page
 * passes axe-core's WCAG 2.2 A/AA rules.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, submitAndWait, type DemoRole } from "./support/accounts";
import { expectNoAxeViolations as checkAxe } from "./support/axe";
import { text, type ReaderTab } from "./support/browser";
import { baseURL } from "./support/browser";
import { fillDate } from "./support/date-input";
import { LONG_WINDOW_DAYS, setQuestionWindow } from "./support/question-window";
import { browserWithTabs } from "./support/tabs";

const ITEM_MEETING = "/meetings/2021-trust-annual-review";

const { newTab } = browserWithTabs();

async function signedIn(role: DemoRole, javaScript: boolean) {
  const tab = await newTab(javaScript);
  await signIn(tab, role);
  return tab;
}

async function submit(tab: ReaderTab, button: string | RegExp, urlPattern: RegExp = /\/(questions|actions)\/[0-9a-f-]{36}\?done=/) {
  await submitAndWait(tab.page, button, urlPattern);
}

/** Step 1 of the officer's response: the kind, then "Continue" (a GET form: `?respond=<kind>`). */
async function chooseKind(tab: ReaderTab, kind: "Holding response" | "Full response") {
  await tab.page.getByRole("radio", { name: kind, exact: true }).check();
  await submitAndWait(tab.page, "Continue", /[?&]respond=(holding|full)/);
  await tab.page.getByLabel("Response", { exact: true }).waitFor();
}

/** Step 2 to 3: "Preview the response", then the preview as the public page will show it. */
async function preview(tab: ReaderTab) {
  await tab.page.getByRole("button", { name: "Preview the response" }).click();
  await tab.page.getByText("Check the response before publishing it").waitFor();
  await tab.page.waitForLoadState("networkidle");
}

async function journey(javaScript: boolean) {
  const mark = javaScript ? "with JavaScript" : "without JavaScript";
  // axe-core runs in the page, so it needs JavaScript: the journey with JavaScript checks the same pages.
  const expectNoAxeViolations = javaScript ? checkAxe : async () => {};
  const questionText = `How many children's homes did the Trust open this year (${mark})?`;

  // A member raises the question from the agenda item.
  const member = await signedIn("member", javaScript);
  await member.open(ITEM_MEETING);
  await member.page.getByRole("main").locator('a[href^="/agenda-items/"]', { hasText: "Sandwell Children's Trust Annual Review" }).first().click();
  await member.page.waitForURL(/\/agenda-items\//);
  await member.page.getByRole("link", { name: "Raise a question on this item" }).click();
  await member.page.waitForURL(/\/questions\/new\?item=/);
  await expectNoAxeViolations(member.page);
  // Refused first: nothing typed, a message beside the field.
  await Promise.all([member.page.waitForLoadState("load"), member.page.getByRole("button", { name: "Send the question" }).click()]);
  await member.page.getByText("Enter the question").first().waitFor();
  await expectNoAxeViolations(member.page);
  member.clearProblems(); // the refused form's 400, on purpose
  await member.page.getByLabel("Your question").fill(questionText);
  await submit(member, "Send the question", /\/questions\/[0-9a-f-]{36}\?done=raised/);
  const questionUrl = new URL(member.page.url()).pathname;
  await member.page.getByText("Submitted, not yet accepted").first().waitFor();
  await expectNoAxeViolations(member.page);

  // Not public yet.
  const reader = await newTab(javaScript);
  await reader.open(questionUrl, { status: 404 });
  reader.clearProblems();

  // The clerk accepts it.
  const clerk = await signedIn("clerk", javaScript);
  await clerk.open(questionUrl);
  await expectNoAxeViolations(clerk.page);
  await submit(clerk, "Accept the question");
  await clerk.page.getByText("Awaiting response").first().waitFor();

  // The officer: a holding response, then a full response with an action.
  const officer = await signedIn("officer", javaScript);
  await officer.open("/officer/queue");
  await officer.page.getByRole("link", { name: questionText }).waitFor();
  await expectNoAxeViolations(officer.page);
  await officer.open(questionUrl);
  await expectNoAxeViolations(officer.page);
  await chooseKind(officer, "Holding response");
  await expectNoAxeViolations(officer.page);
  await officer.page.getByLabel("Response", { exact: true }).fill("We are collecting the figures from each locality.");
  await fillDate(officer.page, "expectedOn", "31/12/2099");
  await preview(officer);
  await expectNoAxeViolations(officer.page);
  await submit(officer, "Publish the response");
  await chooseKind(officer, "Full response");
  await officer.page.getByLabel("Response", { exact: true }).fill("The Trust opened two children's homes this year.");
  await officer.page.getByLabel("Action", { exact: true }).fill(`Report occupancy of the new homes (${mark})`);
  await fillDate(officer.page, "actionDueOn", "30/6/2099");
  await officer.page.getByLabel("Action owner").selectOption({ label: "Demo Officer" });
  await preview(officer);
  await submit(officer, "Publish the response");
  await officer.page.getByText("Answered, actions open").first().waitFor();

  // The owner completes the action with evidence (refused without it first).
  await officer.page.getByRole("link", { name: `Report occupancy of the new homes (${mark})` }).first().click();
  await officer.page.waitForURL(/\/actions\//);
  await expectNoAxeViolations(officer.page);
  await Promise.all([officer.page.waitForLoadState("load"), officer.page.getByRole("button", { name: "Complete the action" }).click()]);
  await officer.page.getByText(/cannot be completed without it/).first().waitFor();
  await expectNoAxeViolations(officer.page);
  officer.clearProblems(); // the refused form's 400, on purpose
  await officer.page.getByLabel(/Complete the action/).fill("Occupancy reported to the board in the quarterly performance report.");
  await submit(officer, "Complete the action");
  await officer.page.getByText("Completed").first().waitFor();

  // The public timeline shows every step.
  await reader.open(questionUrl);
  const page = reader.page;
  for (const step of ["Question raised", "Accepted by the clerk", "Holding response", "Response", "Action agreed", "Action completed", "Closed: answered, and every action completed or cancelled"]) {
    await page.getByRole("heading", { level: 3, name: text(step) }).first().waitFor();
  }
  await page.getByText("quarterly performance report").first().waitFor();
  expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(questionText);
  await expectNoAxeViolations(page);
  await reader.open("/questions?status=closed");
  await page.getByRole("link", { name: questionText }).waitFor();
  await expectNoAxeViolations(page);
  await reader.open("/actions");
  await expectNoAxeViolations(page);
  await clerk.open("/clerk/chase");
  await expectNoAxeViolations(clerk.page);
  await member.open("/my/questions");
  await member.page.getByRole("link", { name: questionText }).waitFor();
  await expectNoAxeViolations(member.page);
}

describe("a question followed to closure", () => {
  // Members raise questions on the seeded (years old) meeting: the clerk opens its window first.
  beforeAll(() => setQuestionWindow(baseURL(), LONG_WINDOW_DAYS), 120_000);

  it("works with JavaScript", async () => {
    await journey(true);
  }, 240_000);
  it("works without JavaScript", async () => {
    await journey(false);
  }, 240_000);
});
