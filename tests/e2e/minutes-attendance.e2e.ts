/**
 * Issue 16, items 3, 4, 6 and 7, as a clerk sees them: publishing an agenda with the
 * summons (the e-mail in the administrator's outbox), attendance as a register (without
 * JavaScript), the minutes' progress per item, and approval at a later held meeting, after
 * which the public page gives one approval date: the approving meeting's. axe on each page
 * touched; the public page at 390 px.
 */
import { describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { expectText, waitForHydration, type ReaderTab } from "./support/browser";
import { fillDate } from "./support/date-input";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();

const londonDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
const longDate = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

async function createMeeting(clerk: ReaderTab, title: string, day: string) {
  await clerk.open("/clerk/meetings/new");
  await clerk.page.getByLabel("Board or committee").selectOption({ label: "Scrutiny Board" });
  await clerk.page.getByLabel("Title").fill(title);
  await fillDate(clerk.page, "day", day);
  await clerk.page.getByLabel("Start time").fill("18:00");
  await submitAndWait(clerk.page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
  return new URL(clerk.page.url()).pathname;
}

async function addItem(clerk: ReaderTab, title: string) {
  await clerk.page.getByLabel("Title").fill(title);
  await submitAndWait(clerk.page, "Add item", /done=added/);
}

/** Every new meeting is in the future: the test holds it today by moving it (its details page). */
async function holdToday(clerk: ReaderTab, meetingPath: string, time: string) {
  await clerk.open(`${meetingPath}/edit`);
  await fillDate(clerk.page, "day", londonDay(0));
  await clerk.page.getByLabel("Start time").fill(time);
  await submitAndWait(clerk.page, "Save details", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
}

describe("a meeting cycle: summons, register, minutes progress, approval", () => {
  it("sends the summons, keeps a register, shows progress and approves at a held meeting with one date", async () => {
    const mark = Date.now().toString(36);
    const clerk = await newTab(true);
    const clerkNoJs = await newTab(false);
    const admin = await newTab(true);
    const reader = await newTab(true);
    await signIn(clerk, "clerk");
    await signIn(clerkNoJs, "clerk");
    await signIn(admin, "admin");

    // An agenda published with the summons.
    const title = `Register meeting (${mark})`;
    const meetingPath = await createMeeting(clerk, title, londonDay(20));
    await addItem(clerk, `Budget (${mark})`);
    await addItem(clerk, `Performance (${mark})`);
    await clerk.page.getByLabel(/Send the summons/).check();
    await submitAndWait(clerk.page, "Publish agenda", /done=published-sent/);
    await expectText(clerk.page, "The summons has been sent to the members and officers");
    await expectNoAxeViolations(clerk.page);
    await admin.open("/admin/outbox");
    await expectText(admin.page, `Summons: Scrutiny Board, ${title}`);
    await expectNoAxeViolations(admin.page);

    // Not held yet: no register, no minutes.
    await clerkNoJs.open(`${meetingPath}/attendance`);
    await expectText(clerkNoJs.page, "This meeting has not been held yet");

    // Held today: the register, marked and saved without JavaScript; the same again changes nothing.
    await holdToday(clerk, meetingPath, "00:03");
    await clerkNoJs.open(`${meetingPath}/attendance`);
    await expectText(clerkNoJs.page, "Register of members");
    const first = clerkNoJs.page.locator(".portal-register__member").first();
    const attendee = (await first.locator("legend").innerText()).trim();
    await first.getByLabel("Present", { exact: true }).check();
    await submitAndWait(clerkNoJs.page, "Save attendance", /done=(register|unchanged)/);
    await expectText(clerkNoJs.page, "Attendance saved");
    expect(await clerkNoJs.page.locator(".portal-register__member").first().getByLabel("Present", { exact: true }).isChecked()).toBe(true);
    await submitAndWait(clerkNoJs.page, "Save attendance", /done=unchanged/);
    await expectText(clerkNoJs.page, "Attendance saved: nothing had changed.");
    // Someone else, found by name (a search field and its results, no script).
    await clerkNoJs.page.getByLabel("Name", { exact: true }).fill("Demo Officer");
    await submitAndWait(clerkNoJs.page, "Find by name", /q=Demo/);
    await clerkNoJs.page.getByLabel("Demo Officer", { exact: false }).first().check();
    await clerkNoJs.page.getByLabel("Officer in attendance").check();
    await submitAndWait(clerkNoJs.page, "Add to the attendance", /done=added/);
    await expectText(clerkNoJs.page, /Demo Officer: Officer in attendance, Present/);
    await clerk.open(`${meetingPath}/attendance`);
    await expectNoAxeViolations(clerk.page);

    // The minutes' progress, item by item, before publishing.
    await clerk.open(`${meetingPath}/minutes`);
    await expectText(clerk.page, "0 of 2 items minuted");
    await clerk.page.getByRole("link", { name: `1. Budget (${mark})`, exact: true }).click();
    await clerk.page.waitForURL(/\/minute$/);
    await waitForHydration(clerk.page);
    await clerk.page.getByLabel("Minute (Markdown)").fill(`The board noted the budget (${mark}).`);
    await submitAndWait(clerk.page, "Save minute", /done=saved/);
    await expectText(clerk.page, "1 of 2 items minuted");
    await expect.poll(() => clerk.page.locator(".govuk-task-list__status").allInnerTexts()).toEqual(["Minute written", "Empty"]);
    await expectNoAxeViolations(clerk.page);
    await submitAndWait(clerk.page, "Publish draft minutes", /done=published/);

    // A later meeting of the board: approval is not offered before it is held.
    const laterTitle = `Approving meeting (${mark})`;
    const laterPath = await createMeeting(clerk, laterTitle, londonDay(21));
    await addItem(clerk, "Minutes of the previous meeting");
    await submitAndWait(clerk.page, "Publish agenda", /done=published/);
    await clerk.open(`${laterPath}/minutes`);
    await expectText(clerk.page, /this meeting has not been held yet/);
    expect(await clerk.page.getByRole("link", { name: new RegExp(`Approve the minutes of ${title.replace(/[()]/g, "\\$&")}`) }).count()).toBe(0);

    // Held today: approved at its item 1, dated to it.
    await holdToday(clerk, laterPath, "23:58");
    await clerk.open(`${laterPath}/minutes`);
    await clerk.page.getByRole("link", { name: new RegExp(`^Approve the minutes of ${title.replace(/[()]/g, "\\$&")}`) }).click();
    await clerk.page.waitForURL(/approve=/);
    await waitForHydration(clerk.page);
    expect(await clerk.page.getByLabel("1. Minutes of the previous meeting").isChecked()).toBe(true);
    await expectNoAxeViolations(clerk.page);
    await submitAndWait(clerk.page, "Approve as a correct record", /done=approved/);

    // The public page: one approval, at the approving meeting, on its day.
    const slug = new URL(await clerk.page.url()).pathname;
    expect(slug).toContain("/minutes");
    await clerk.open(meetingPath);
    const publicPath = new URL(await clerk.page.getByRole("link", { name: "Public page" }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
    await reader.open(publicPath);
    const today = longDate(new Date());
    await expectText(reader.page, `Approved as a correct record at ${laterTitle} (item 1) on ${today}.`);
    const approvals = (await reader.page.locator("main").innerText()).match(/approved[^.]*?\d{1,2} \w+ \d{4}/gi) ?? [];
    expect(approvals.every((a) => a.includes(today))).toBe(true);
    await expectText(reader.page, `${attendee}: Member, Present`);
    await expectNoAxeViolations(reader.page);
    await reader.page.setViewportSize({ width: 390, height: 844 });
    await reader.open(publicPath);
    expect(await reader.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(reader.page);
  }, 240_000);
});
