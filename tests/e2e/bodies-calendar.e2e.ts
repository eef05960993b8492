/**
 * Issue 18, items 2, 3 and 5, in Chromium. A clerk fills in a new committee's
 * page (terms of reference, where and how often it meets, its clerk), creates
 * and publishes a meeting, gives it a recording link (javascript: refused) and an
 * item's start in it. A reader then sees, with and without JavaScript: the
 * committee page, the meeting calendar (the meeting on its day, previous/next
 * month, today marked, a bad month answered with a message), and on the meeting
 * page the recording link and "Watch this item" at the item's start. At 390 px
 * nothing scrolls sideways; axe finds no violations on each page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, waitForHydration, type ReaderTab } from "./support/browser";
import { fillDate } from "./support/date-input";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();

const stamp = Date.now().toString(36);
const bodyName = `Fostering Panel ${stamp}`;
const meetingTitle = `Fostering Panel meeting ${stamp}`;
/** A day 40 days from now (London), so the agenda is published in time. */
const meetingDay = new Date(Date.now() + 40 * 24 * 3600 * 1000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
const meetingMonth = meetingDay.slice(0, 7);
let bodySlug = "";
let meetingSlug = "";

async function noSidewaysScroll(tab: ReaderTab, path: string, status = 200) {
  await tab.page.setViewportSize({ width: 390, height: 844 });
  await tab.open(path, { status });
  const overflow = await tab.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, path).toBeLessThanOrEqual(0);
}

describe("committee pages, the meeting calendar and recordings", () => {
  beforeAll(async () => {
    const clerk = await newTab(true);
    const { page } = clerk;
    await signIn(clerk, "clerk");

    // A new committee and its page.
    await clerk.open("/clerk/bodies/new");
    await page.getByLabel("Name", { exact: true }).fill(bodyName);
    await page.getByLabel("Committee", { exact: true }).check();
    await submitAndWait(page, "Add board or committee", /\/clerk\/bodies\/[0-9a-f-]{36}\?saved$/);
    const bodyEditPath = new URL(page.url()).pathname;
    await page.getByLabel("Purpose and terms of reference").fill("## Purpose\n\nTo oversee **fostering** in the borough.");
    await page.getByLabel("Where it meets (optional)").fill("Council House, Oldbury");
    await page.getByLabel("How often it meets (optional)").fill("Every six weeks");
    await page.getByLabel("Clerk's name (optional)").fill("Sam Clerk");
    await page.getByLabel("Clerk's email address (optional)").fill("not an email");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Save committee page" }).click()]);
    await expectText(page, "Enter the clerk's email address in the correct format");
    clerk.clearProblems(); // the refused form's 400, on purpose
    await expectNoAxeViolations(page);
    expect(await page.getByLabel("Where it meets (optional)").inputValue()).toBe("Council House, Oldbury");
    await page.getByLabel("Clerk's email address (optional)").fill("sam.clerk@example.gov.uk");
    await submitAndWait(page, "Save committee page", /saved/);
    await expectNoAxeViolations(page);
    bodySlug = (await page.getByRole("link", { name: /^\/bodies\// }).innerText()).replace("/bodies/", "").trim();
    expect(bodyEditPath).toMatch(/^\/clerk\/bodies\//);

    // A meeting of it, with one item, published.
    await clerk.open("/clerk/meetings/new");
    await page.getByLabel("Board or committee").selectOption({ label: bodyName });
    await page.getByLabel("Title").fill(meetingTitle);
    await fillDate(page, "day", meetingDay);
    await page.getByLabel("Start time").fill("18:00");
    await submitAndWait(page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
    const meetingPath = new URL(page.url()).pathname;
    await page.getByLabel("Title").fill("Fostering sufficiency");
    await submitAndWait(page, "Add item", /done=added/);
    await submitAndWait(page, "Publish agenda", /done=published/);

    // The recording: javascript: is refused beside the field, then a real link is saved.
    await clerk.open(`${meetingPath}/edit`);
    await page.getByLabel("Link to the webcast or recording (optional)").fill("javascript:alert(1)");
    await page.getByLabel("A recording").check();
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Save the link" }).click()]);
    await expectText(page, "Enter the link as a full web address starting with https:// or http://");
    clerk.clearProblems(); // the refused form's 400, on purpose
    await expectNoAxeViolations(page);
    await page.getByLabel("Link to the webcast or recording (optional)").fill("https://webcast.example/fostering");
    await page.getByLabel("Length of the recording (optional)").fill("2:00:00");
    await submitAndWait(page, "Save the link", /saved=recording/);
    await expectNoAxeViolations(page);

    // The item's start: past the end is refused, then 0:42:30 is saved.
    await clerk.open(meetingPath);
    await page.getByRole("link", { name: "Fostering sufficiency", exact: true }).click();
    await page.waitForURL(/\/clerk\/items\/[0-9a-f-]{36}$/);
    await waitForHydration(page);
    await page.getByLabel("Where this item starts in the recording (optional)").fill("2:30:00");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Save the start time" }).click()]);
    await expectText(page, "The start time must be within the recording, which is 2:00:00 long");
    clerk.clearProblems(); // the refused form's 400, on purpose
    await page.getByLabel("Where this item starts in the recording (optional)").fill("0:42:30");
    await submitAndWait(page, "Save the start time", /done=recording/);
    await expectText(page, "Start in the recording saved.");
    await expectNoAxeViolations(page);

    // The meeting's public address, from its clerk page.
    await clerk.open(meetingPath);
    const publicLink = page.locator('a[href^="/meetings/"]').first();
    meetingSlug = ((await publicLink.getAttribute("href")) ?? "").replace("/meetings/", "");
    expect(meetingSlug).toMatch(/^\d{4}-\d{2}-\d{2}-/);
  }, 240_000);

  for (const javaScript of [true, false]) {
    const mode = `JavaScript ${javaScript ? "on" : "off"}`;

    it(`a reader reads the committee page (${mode})`, async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      await tab.open(`/bodies/${bodySlug}`);
      expect(await page.locator("h1").innerText()).toBe(bodyName);
      await expectText(page, "To oversee fostering in the borough.");
      expect(await page.locator("main strong", { hasText: "fostering" }).count()).toBe(1);
      await expectText(page, "Council House, Oldbury");
      await expectText(page, "Every six weeks");
      await expectText(page, "Sam Clerk");
      expect(await page.getByRole("link", { name: "sam.clerk@example.gov.uk" }).getAttribute("href")).toBe("mailto:sam.clerk@example.gov.uk");
      expect(await page.getByRole("link", { name: /^Subscribe in your calendar app/ }).getAttribute("href")).toMatch(new RegExp(`^webcal://.*/feeds/bodies/${bodySlug}\\.ics$`));
      expect(await page.getByRole("link", { name: /^Subscribe in a feed reader/ }).getAttribute("href")).toMatch(new RegExp(`^https?://.*/feeds/bodies/${bodySlug}\\.atom$`));
      await expectText(page, "No past members are recorded.");
      if (javaScript) await expectNoAxeViolations(page);

      // The seeded board: the sources give no terms of reference, and the page says so.
      await tab.open("/bodies/scrutiny-board");
      await expectText(page, "The record has no terms of reference for this body.");
      if (javaScript) await expectNoAxeViolations(page);
    });

    it(`a reader finds the meeting on the calendar, moves between months and is told about a bad month (${mode})`, async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      await tab.open("/meetings");
      await page.getByRole("link", { name: /^Meeting calendar/ }).click();
      await page.waitForURL(/\/meetings\/calendar$/);
      // With JavaScript the page changes after the address does: wait for its heading.
      await page.locator("h1", { hasText: /^Meeting calendar$/ }).waitFor();
      // This month: today is marked.
      const today = page.locator('td[aria-current="date"]');
      expect(await today.count()).toBe(1);
      expect(await today.innerText()).toContain("Today");
      if (javaScript) await expectNoAxeViolations(page);

      await tab.open(`/meetings/calendar?body=${bodySlug}&month=${meetingMonth}`);
      const grid = page.locator("table.portal-calendar__table");
      expect(await grid.locator("thead th").allInnerTexts()).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((d) => expect.stringContaining(d)));
      const cell = grid.locator("td", { has: page.getByRole("link", { name: new RegExp(meetingTitle) }) });
      expect(await cell.count()).toBe(1);
      expect(await cell.locator(".portal-calendar__date").innerText()).toBe(String(Number(meetingDay.slice(8, 10))));
      expect(await page.getByRole("link", { name: new RegExp(`^Add to calendar\\s*:\\s*${meetingTitle}`) }).first().getAttribute("href")).toBe(`/feeds/meetings/${meetingSlug}.ics`);
      await expectText(page, "Forthcoming meetings");
      if (javaScript) await expectNoAxeViolations(page);

      const monthCaption = await grid.locator("caption").innerText();
      await page.getByRole("link", { name: /^Next month/ }).click();
      await page.waitForURL((u) => u.searchParams.get("month") !== meetingMonth);
      const caption = () => page.locator("table.portal-calendar__table caption").innerText();
      await expect.poll(caption, { timeout: 10_000 }).not.toBe(monthCaption);
      await page.getByRole("link", { name: /^Previous month/ }).click();
      await page.waitForURL((u) => u.searchParams.get("month") === meetingMonth);
      await expect.poll(caption, { timeout: 10_000 }).toBe(monthCaption);

      for (const [month, message] of [
        ["2026-13", "The month must be between 01 (January) and 12 (December)"],
        ["abc", "The month must be a year and month written like 2026-03"],
        ["9999-01", "The calendar covers the years 2000 to 2099"],
      ]) {
        await tab.open(`/meetings/calendar?month=${month}`, { status: 400 });
        await expectText(page, "There is a problem");
        await expectText(page, message);
        expect(await page.title()).toMatch(/^Error: /);
      }
      if (javaScript) await expectNoAxeViolations(page);
    });

    it(`a reader watches the recording and jumps to the item (${mode})`, async () => {
      const tab = await newTab(javaScript);
      const { page } = tab;
      await tab.open(`/meetings/${meetingSlug}`);
      const watch = page.getByRole("link", { name: /^Watch the recording of this meeting/ });
      expect(await watch.getAttribute("href")).toBe("https://webcast.example/fostering");
      await expectText(page, "(recording, 2:00:00 long)");
      const item = page.getByRole("link", { name: /^Watch this item/ });
      expect(await item.getAttribute("href")).toBe("https://webcast.example/fostering#t=2550");
      await expectText(page, /from 0:42:30 in the recording/);
      if (javaScript) await expectNoAxeViolations(page);
    });
  }

  it("fits a 390 px screen: the calendar, the committee page and the meeting page", async () => {
    const tab = await newTab();
    await noSidewaysScroll(tab, `/meetings/calendar?month=${meetingMonth}`);
    // On a phone a meeting in the grid shows its time; its title stays in the link's name.
    const link = tab.page.locator("table.portal-calendar__table").getByRole("link", { name: new RegExp(meetingTitle) });
    expect(await link.isVisible()).toBe(true);
    await expectNoAxeViolations(tab.page);
    await noSidewaysScroll(tab, `/bodies/${bodySlug}`);
    await noSidewaysScroll(tab, `/meetings/${meetingSlug}`);
    await noSidewaysScroll(tab, "/meetings/calendar?month=2026-13", 400);
  });
});
