/**
 * The clerk's inbox and the history of changes in words (issue 16, items 1 and 10), in a
 * real browser with JavaScript and without, at desktop width and at 390 px: a clerk sees
 * what waits, with counts, follows an agenda due to publish to the meeting where it is
 * published; edits the meeting's start time and reads the change as a sentence.
 * The e2e server is shared: counts are read, never assumed.
 */
import { describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, type ReaderTab } from "./support/browser";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();

/** Tomorrow in London: a meeting then has its agenda deadline passed, so it is due in the inbox. */
function tomorrow() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  const [year, month, day] = d.toLocaleDateString("en-CA", { timeZone: "Europe/London" }).split("-");
  return { year, month, day, iso: `${year}-${month}-${day}` };
}

const today = () => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date());

/** The meeting form's date: one box (YYYY-MM-DD) or the GOV.UK date input's three. */
async function fillDate(tab: ReaderTab, day: ReturnType<typeof tomorrow>) {
  if ((await tab.page.getByLabel("Day", { exact: true }).count()) > 0) {
    await tab.page.getByLabel("Day", { exact: true }).fill(day.day);
    await tab.page.getByLabel("Month", { exact: true }).fill(day.month);
    await tab.page.getByLabel("Year", { exact: true }).fill(day.year);
  } else {
    await tab.page.getByLabel("Date").fill(day.iso);
  }
}

async function noSideways(tab: ReaderTab) {
  const width = await tab.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

async function journey(javaScript: boolean, width: number) {
  const title = `Inbox check ${javaScript ? "JS" : "no JS"} ${width} ${Math.random().toString(36).slice(2, 7)}`;
  const clerk = await newTab(javaScript);
  await clerk.page.setViewportSize({ width, height: 900 });
  await signIn(clerk, "clerk");

  // A meeting tomorrow at 7am with its agenda unpublished: the deadline has passed.
  await clerk.open("/clerk/meetings/new");
  await clerk.page.getByLabel("Board or committee").selectOption({ index: 1 });
  await clerk.page.getByLabel("Title").fill(title);
  await fillDate(clerk, tomorrow());
  await clerk.page.getByLabel("Start time").fill("07:00");
  await submitAndWait(clerk.page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
  const meetingPath = new URL(clerk.page.url()).pathname;

  // The inbox: every kind of work with its count, then the rows of each.
  await clerk.open("/clerk");
  const main = clerk.page.getByRole("main");
  await expectText(clerk.page, "Waiting for you");
  const summary = main.getByRole("table", { name: "What is waiting for you, with counts" });
  for (const section of ["Questions to accept or reject", "Responses overdue", "Actions overdue", "Agendas due to publish", "Draft minutes not yet published", "Minutes waiting for approval"]) {
    await expect.poll(() => summary.getByRole("row", { name: new RegExp(`^${section}`) }).count()).toBe(1);
  }
  const countText = await summary.getByRole("row", { name: /^Agendas due to publish/ }).getByRole("cell").innerText();
  expect(Number(countText.replace(/\D/g, ""))).toBeGreaterThanOrEqual(1);
  const agendas = main.getByRole("region", { name: /^Agendas due to publish \(\d+\)$/ });
  const entry = agendas.getByRole("listitem").filter({ hasText: title });
  await expect.poll(() => entry.innerText()).toMatch(/Deadline passed[\s\S]*Publish by \d+ \w+ \d{4}/);
  if (width === 390) await noSideways(clerk);
  if (javaScript) await expectNoAxeViolations(clerk.page);

  // Following the entry leads to where the agenda is published.
  await Promise.all([clerk.page.waitForURL((u) => u.pathname === meetingPath), entry.getByRole("link", { name: title }).click()]);
  await expectText(clerk.page, title);
  await expect.poll(() => main.getByRole("button", { name: /Publish/ }).count()).toBeGreaterThan(0);

  // "See all" for the section is a paginated page of its own.
  await clerk.open("/clerk/inbox/agendas-to-publish");
  await expect.poll(() => main.getByRole("link", { name: title }).count()).toBe(1);
  if (width === 390) await noSideways(clerk);
  if (javaScript) await expectNoAxeViolations(clerk.page);

  // Edit the start time, then read the history in words.
  await clerk.open(`${meetingPath}/edit`);
  await clerk.page.getByLabel("Start time").fill("07:30");
  await submitAndWait(clerk.page, "Save details", new RegExp(`${meetingPath}$`));
  await clerk.page.getByRole("link", { name: "History of changes" }).click();
  await clerk.page.waitForURL(/\/clerk\/history\/meeting\//);
  await clerk.page.waitForLoadState("networkidle");
  const mainText = async () => (await main.innerText()).replace(/\s+/g, " ");
  await expect.poll(mainText, { timeout: 15_000 }).toContain(`Start changed from 7am to 7:30am on ${today()} by Demo Clerk.`);
  const history = await mainText();
  expect(history).toContain(`Created on ${today()} by Demo Clerk`);
  expect(history).not.toMatch(/startsAt|endsAt|T\d\d:\d\d:\d\d|Removed:\s*(Added|Removed|$)/);
  if (width === 390) await noSideways(clerk);
  if (javaScript) await expectNoAxeViolations(clerk.page);
}

describe("the clerk's inbox and a history a person can read", () => {
  for (const javaScript of [true, false]) {
    for (const width of [1280, 390]) {
      it(`${javaScript ? "with" : "without"} JavaScript at ${width} px`, async () => {
        await journey(javaScript, width);
      }, 180_000);
    }
  }

  it("is not offered to a member", async () => {
    const member = await newTab();
    await signIn(member, "member");
    await member.open("/clerk", { status: 403 });
    await expectText(member.page, "You cannot see this page");
  }, 60_000);
});
