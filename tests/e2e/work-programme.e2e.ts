/**
 * The work programme (issue 17 item 6), in a real browser, with and without JavaScript: a
 * member proposes a topic (refused first without a title, what was typed kept); the clerk
 * accepts it and plans it for a meeting of the board, then adds it to that meeting's agenda;
 * the public sees it on the year's page ("On the agenda of …"), on the agenda item's page and
 * under its priority on the coverage page. axe on every page; the public pages fit 390 px.
 */
import { describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations as checkAxe } from "./support/axe";
import type { ReaderTab } from "./support/browser";
import { expectText } from "./support/browser";
import { fillDate } from "./support/date-input";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const PRIORITY = "Meeting Need and Measuring Progress";

function dayFromNow(days: number) {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
}

/** This municipal year (May to April) as the address writes it. */
function yearLabel() {
  const [y, m] = dayFromNow(0).split("-").map(Number);
  const start = m >= 5 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

async function noSidewaysScroll(tab: ReaderTab) {
  const overflow = await tab.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, tab.page.url()).toBeLessThanOrEqual(0);
}

async function journey(javaScript: boolean) {
  const stamp = `${javaScript ? "JS" : "no JS"} ${Date.now().toString(36)}`;
  const axe = javaScript ? checkAxe : async () => {};
  const topicTitle = `Placement sufficiency review (${stamp})`;
  // Not "Scrutiny Board ...": the publications feed reads "<body>: <title>", and dates.e2e.ts,
  // on the same portal, fails a feed entry that names the body twice in a row.
  const meetingTitle = `Work programme planning meeting (${stamp})`;
  const itemTitle = `Placement sufficiency report (${stamp})`;

  // A member proposes a topic.
  const member = await newTab(javaScript);
  await signIn(member, "member");
  await member.open("/work-programme/propose");
  const mp = member.page;
  await axe(mp);
  await mp.getByLabel("Board or committee").selectOption({ label: "Scrutiny Board" });
  await mp.getByLabel("Description").fill(`Why so many children are placed out of the borough (${stamp}).`);
  await mp.getByLabel("A strategic priority", { exact: true }).check();
  await Promise.all([mp.waitForLoadState("load"), mp.getByRole("button", { name: "Propose the topic" }).click()]);
  await expectText(mp, "Enter the topic's title");
  expect(await mp.title()).toMatch(/^Error: /);
  expect(await mp.getByLabel("Description").inputValue()).toContain(stamp);
  await axe(mp);
  member.clearProblems(); // the refused form's 400, on purpose
  await mp.getByLabel("Title").fill(topicTitle);
  await mp.getByLabel("Strategic priority (optional)").selectOption({ label: PRIORITY });
  await submitAndWait(mp, "Propose the topic", /\/work-programme\/topics\/[0-9a-f-]{36}\?proposed$/);
  const topicPath = new URL(mp.url()).pathname;
  await mp.getByRole("heading", { level: 1, name: topicTitle }).waitFor();

  // Not yet public.
  const reader = await newTab(javaScript);
  await reader.open(`/work-programme/${yearLabel()}`);
  expect(await reader.page.content()).not.toContain(topicTitle);

  // The clerk makes a meeting with an item and publishes its agenda.
  const clerk = await newTab(javaScript);
  const cp = clerk.page;
  await signIn(clerk, "clerk");
  await clerk.open("/clerk/meetings/new");
  await cp.getByLabel("Board or committee").selectOption({ label: "Scrutiny Board" });
  await cp.getByLabel("Title").fill(meetingTitle);
  await fillDate(cp, "day", dayFromNow(javaScript ? 40 : 41));
  await cp.getByLabel("Start time").fill("18:00");
  await submitAndWait(cp, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
  await cp.getByLabel("Title").fill(itemTitle);
  await submitAndWait(cp, "Add item", /done=added/);
  await submitAndWait(cp, "Publish agenda", /done=published/);

  // ... accepts the topic for that meeting ...
  await clerk.open("/clerk/work-programme");
  await axe(cp);
  await Promise.all([cp.waitForURL(/\/clerk\/work-programme\/[0-9a-f-]{36}$/), cp.getByRole("link", { name: topicTitle }).first().click()]);
  await axe(cp);
  const meetingOption = await cp.getByLabel("Meeting it is planned for").locator("option", { hasText: meetingTitle }).getAttribute("value");
  await cp.getByLabel("Meeting it is planned for").selectOption(meetingOption!);
  await submitAndWait(cp, "Accept onto the programme", /saved=plan/);
  await expectText(cp, "The topic is on the programme.");
  await axe(cp);

  // ... and adds it to the agenda.
  const itemOption = await cp.getByLabel("Agenda item where the topic is taken").locator("option", { hasText: itemTitle }).getAttribute("value");
  await cp.getByLabel("Agenda item where the topic is taken").selectOption(itemOption!);
  await submitAndWait(cp, "Save the agenda item", /saved=agenda/);
  await expectText(cp, /On the agenda of/);

  // The public sees it: the year's page, the topic, the item's page, the coverage, at 390 px.
  await reader.page.setViewportSize({ width: 390, height: 844 });
  await reader.open(`/work-programme/${yearLabel()}?print=all`);
  await reader.page.getByRole("link", { name: topicTitle }).waitFor();
  await axe(reader.page);
  await noSidewaysScroll(reader);
  await reader.open(topicPath);
  await expectText(reader.page, /On the agenda of/);
  await reader.page.getByRole("link", { name: meetingTitle }).first().waitFor();
  await axe(reader.page);
  await noSidewaysScroll(reader);
  await Promise.all([reader.page.waitForURL(/\/agenda-items\/[0-9a-f-]{36}$/), reader.page.getByRole("link", { name: itemTitle }).click()]);
  await reader.page.getByRole("link", { name: topicTitle }).waitFor();
  await axe(reader.page);
  await reader.open(`/work-programme/${yearLabel()}/coverage`);
  const section = reader.page.locator("section", { has: reader.page.getByRole("heading", { name: PRIORITY }) });
  await section.getByRole("link", { name: topicTitle }).waitFor();
  await axe(reader.page);
  await noSidewaysScroll(reader);
}

describe("the work programme: proposed, planned, on an agenda, public", () => {
  it("works with JavaScript", async () => {
    await journey(true);
  }, 300_000);
  it("works without JavaScript", async () => {
    await journey(false);
  }, 300_000);
});
