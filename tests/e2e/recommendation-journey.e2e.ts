/**
 * Issue 17's journey in Chromium, with and without JavaScript: a clerk records the board's
 * recommendation from a minute of the seeded held meeting (refused first, what was typed
 * kept), the Trust's officer finds it in the queue and responds late with "partially
 * accepted", adds an action and completes it with evidence, the clerk records the board's
 * judgement at a later held meeting, and the public sees each step on /recommendations/:id,
 * finds it in the register (board recommendations only: its state and response) and on the
 * tracker (its row: reference, addressee, response due and received, the response, RAG), and
 * the tracker's figures count its response as late. axe on every new page (with JavaScript).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations as checkAxe } from "./support/axe";
import { baseURL, expectText, waitForHydration, type ReaderTab } from "./support/browser";
import { fillDate, dateValue } from "./support/date-input";
import { HttpSession } from "./support/http-session";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const RUN = Date.now().toString(36);
const TRUST = "Sandwell Children's Trust";

const londonDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/London" });
/** Today as the forms take it (day/month/year, London). */
const today = () => new Date().toLocaleDateString("en-GB", { timeZone: "Europe/London" });

/** The seeded held meeting (minutes published) and its items the public may read, from the public API. */
async function seededItems() {
  const api = new HttpSession(baseURL(), "reader");
  const list = JSON.parse((await api.get("/api/v1/meetings?per_page=200")).body) as { data: { id: string; slug: string }[] };
  const seeded = list.data.find((m) => m.slug === "2021-trust-annual-review") ?? list.data[0];
  const one = JSON.parse((await api.get(`/api/v1/meetings/${seeded.id}`)).body) as { data: { agenda: { id: string; exempt: unknown }[] } };
  return one.data.agenda.filter((i) => !i.exempt).map((i) => i.id);
}

/** The first seeded item whose minute the clerk can record a recommendation from. */
async function itemWithMinute(clerk: ReaderTab) {
  for (const id of await seededItems()) {
    await clerk.open(`/clerk/items/${id}/recommendations`);
    if ((await clerk.page.getByRole("button", { name: "Record the recommendation" }).count()) > 0) return id;
  }
  throw new Error("no item of the seeded meeting has a minute");
}

/** The same day as the portal writes it ("6 December 2026"). */
const longDay = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/** Goes through a paginated list, page by page, until a row links to `reference`. */
async function findRow(tab: ReaderTab, rowSelector: string, reference: string) {
  for (let page = 1; page <= 50; page += 1) {
    const row = tab.page.locator(rowSelector, { has: tab.page.getByRole("link", { name: reference, exact: true }) });
    if ((await row.count()) > 0) return row.first();
    const next = tab.page.locator('.govuk-pagination a[rel="next"]');
    if ((await next.count()) === 0) break;
    await Promise.all([tab.page.waitForURL(new RegExp(`page=${page + 1}`)), next.first().click()]);
    await tab.page.locator("h1").waitFor();
  }
  throw new Error(`no row for ${reference} in ${tab.page.url()}`);
}

/** The tracker's count of late responses from the Trust in the municipal year 2022-23 (received 1 June 2022: due in July 2022). */
async function lateResponses(tab: ReaderTab): Promise<number> {
  await tab.open("/reports/tracking?from=2017-01-01&to=2030-12-31");
  const row = tab.page.locator("#response-timeliness tbody tr", { hasText: TRUST }).filter({ hasText: /2022.23/ });
  if ((await row.count()) === 0) return 0;
  return Number(await row.locator("td").nth(2).innerText());
}

let reviewItemTitle = "";

/** A later meeting of the board, held today, with a minute: where the board records its judgement. */
async function heldReviewMeeting() {
  const clerk = await newTab(true);
  await signIn(clerk, "clerk");
  await clerk.open("/clerk/meetings/new");
  await clerk.page.getByLabel("Board or committee").selectOption({ label: "Scrutiny Board" });
  await clerk.page.getByLabel("Title").fill(`Recommendations review (${RUN})`);
  await fillDate(clerk.page, "day", londonDay(20));
  await clerk.page.getByLabel("Start time").fill("18:00");
  await submitAndWait(clerk.page, "Create meeting", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
  const meetingPath = new URL(clerk.page.url()).pathname;
  reviewItemTitle = `Review of recommendations (${RUN})`;
  await clerk.page.getByLabel("Title").fill(reviewItemTitle);
  await submitAndWait(clerk.page, "Add item", /done=added/);
  await clerk.open(`${meetingPath}/edit`);
  await fillDate(clerk.page, "day", londonDay(0));
  await clerk.page.getByLabel("Start time").fill("00:02");
  await submitAndWait(clerk.page, "Save details", /\/clerk\/meetings\/[0-9a-f-]{36}$/);
  await clerk.open(`${meetingPath}/minutes`);
  await clerk.page.getByRole("link", { name: `1. ${reviewItemTitle}`, exact: true }).click();
  await clerk.page.waitForURL(/\/minute$/);
  await waitForHydration(clerk.page);
  await clerk.page.getByLabel("Minute (Markdown)").fill(`The board reviewed its recommendations (${RUN}).`);
  await submitAndWait(clerk.page, "Save minute", /done=saved/);
}

beforeAll(async () => {
  await heldReviewMeeting();
}, 120_000);

async function journey(javaScript: boolean) {
  const mark = `${RUN}${javaScript ? "js" : "nojs"}`;
  const axe = javaScript ? checkAxe : async () => {};
  const reference = `E2E/${mark}`;
  const text = `Publish the placement sufficiency plan (${mark})`;

  // The tracker's late responses before: the journey adds one.
  const reader = await newTab(javaScript);
  const lateBefore = await lateResponses(reader);

  // The clerk records it from the seeded minute: refused first (received before it was agreed), text kept.
  const clerk = await newTab(javaScript);
  await signIn(clerk, "clerk");
  const itemId = await itemWithMinute(clerk);
  const page = clerk.page;
  expect(await page.locator("h1").innerText()).toMatch(/^Recommendations: \d+\. /);
  await axe(page);
  await page.getByLabel("Reference").fill(reference);
  await page.getByLabel("Recommendation (Markdown)").fill(text);
  await page.getByLabel("Addressed to").selectOption({ label: TRUST });
  await fillDate(page, "receivedOn", "1/1/2020");
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Record the recommendation" }).click()]);
  await page.getByText("The date it was received must be on or after the day the board agreed it").first().waitFor();
  expect(await page.title()).toMatch(/^Error: /);
  expect(await page.getByLabel("Recommendation (Markdown)").inputValue()).toBe(text);
  expect(await dateValue(page, "receivedOn")).toBe("1/1/2020");
  clerk.clearProblems(); // the refusal is a 400, on purpose
  await axe(page);
  await fillDate(page, "receivedOn", "1/6/2022");
  await submitAndWait(page, "Record the recommendation", /done=recorded/);
  await expectText(page, "Recommendation recorded.");
  await Promise.all([page.waitForURL(/\/clerk\/recommendations\/[0-9a-f-]{36}$/), page.getByRole("link", { name: reference, exact: true }).click()]);
  await page.locator("h1", { hasText: `Recommendation ${reference}` }).waitFor();
  const id = new URL(page.url()).pathname.split("/").pop()!;
  await axe(page);

  // The public sees where it came from and that the response is overdue.
  await reader.open(`/recommendations/${id}`);
  await reader.page.locator("h1", { hasText: reference }).waitFor();
  await expectText(reader.page, `Received by ${TRUST}`);
  await expectText(reader.page, "No response has been recorded.");

  // The Trust's officer responds from the queue: refused without reasons, then late, partially accepted.
  const officer = await newTab(javaScript);
  await signIn(officer, "officer");
  await officer.open("/officer/queue");
  await Promise.all([officer.page.waitForURL(/\/respond$/), officer.page.getByRole("link", { name: `Respond to ${reference}` }).click()]);
  await officer.page.locator("h1", { hasText: `Respond to recommendation ${reference}` }).waitFor();
  await axe(officer.page);
  await officer.page.getByLabel("Partially accepted").check();
  await officer.page.getByLabel("Action planned (Markdown, optional)").fill(`Publish the first part (${mark})`);
  await officer.page.getByLabel("Given by").fill("Director of Children's Services");
  await fillDate(officer.page, "givenOn", today());
  await Promise.all([officer.page.waitForLoadState("load"), officer.page.getByRole("button", { name: "Record the response" }).click()]);
  await officer.page.getByText("Enter the reasons given for not accepting it in full").first().waitFor();
  expect(await officer.page.getByLabel("Action planned (Markdown, optional)").inputValue()).toBe(`Publish the first part (${mark})`);
  officer.clearProblems();
  await axe(officer.page);
  await officer.page.getByLabel("Reasons (Markdown)").fill("Funding for the second part is not agreed");
  await submitAndWait(officer.page, "Record the response", new RegExp(`/recommendations/${id}$`));
  await expectText(officer.page, /\d+ days late/);

  // ... adds an action to the plan and completes it with evidence.
  const action = `Publish part one of the plan (${mark})`;
  await officer.open(`/actions/new?recommendation=${id}`);
  await officer.page.getByLabel("Action", { exact: true }).fill(action);
  await fillDate(officer.page, "dueOn", "30/6/2099");
  await submitAndWait(officer.page, "Add the action", /\/actions\/[0-9a-f-]{36}\?done=create/);
  await officer.page.getByLabel("Complete the action").fill(`Part one published on the Trust's website (${mark})`);
  await submitAndWait(officer.page, "Complete the action", /\?done=complete/);

  // The clerk records the board's judgement at the later held meeting's minute.
  await clerk.open(`/clerk/recommendations/${id}`);
  await expectText(page, action);
  await page.getByLabel("Partly implemented").check();
  const minuteOption = page.locator("#judgedAtMinuteId option", { hasText: reviewItemTitle });
  await page.getByLabel("Minute recording the judgement").selectOption((await minuteOption.getAttribute("value"))!);
  await page.getByLabel("Note (Markdown, optional)").fill(`Part two awaits funding (${mark})`);
  await submitAndWait(page, "Record the judgement", /done=judged/);
  await expectText(page, "The board's judgement is recorded.");
  await axe(page);

  // The public sees each step on the trail page.
  await reader.open(`/recommendations/${id}`);
  await reader.page.locator("h1", { hasText: reference }).waitFor();
  await expectText(reader.page, "Partially accepted");
  await expectText(reader.page, /\d+ days late/);
  await expectText(reader.page, action);
  await expectText(reader.page, `Part one published on the Trust's website (${mark})`);
  await expectText(reader.page, "Partly implemented");
  await expectText(reader.page, `Part two awaits funding (${mark})`);
  await axe(reader.page);

  // The public finds it in the register, among the board's own: its state and its response.
  await reader.open("/recommendations");
  const filters = reader.page.locator("details.portal-filters-disclosure");
  if ((await filters.getAttribute("open")) === null) await filters.locator("summary").click();
  await reader.page.getByLabel("Made by").selectOption("board");
  await Promise.all([reader.page.waitForURL(/source=board/), reader.page.getByRole("button", { name: "Apply filters" }).click()]);
  await reader.page.locator("h1").waitFor();
  const inRegister = (await (await findRow(reader, "table.portal-register-table tbody tr", reference)).innerText()).replace(/\s+/g, " ");
  expect(inRegister).toMatch(new RegExp(`^Board ${reference.replace(/\//g, "\\/")} `));
  expect(inRegister).toContain(text);
  expect(inRegister).toContain(TRUST);
  expect(inRegister).toContain("Response received");
  expect(inRegister).toMatch(new RegExp(`Responded on ${longDay(new Date())}, \\d+ days late`));
  expect(inRegister).toContain("Partially accepted");
  expect(inRegister).toContain("The board's judgement: Partly implemented");
  await axe(reader.page);

  // ... and on the tracker: its row, and the figures count its response as late.
  await reader.open("/reports/tracking?from=2017-01-01&to=2030-12-31");
  const trackerRow = (await (await findRow(reader, "table.portal-report-table tbody tr", reference)).innerText()).replace(/\s+/g, " ");
  expect(trackerRow).toMatch(/^Board recommendation /);
  expect(trackerRow).toContain(`Addressed to ${TRUST}`);
  expect(trackerRow).toMatch(new RegExp(`Response due \\d{1,2} (June|July|August) 2022, received ${longDay(new Date())}\\. Partially accepted, \\d+ days late`));
  expect(trackerRow).toContain(action);
  expect(trackerRow).toMatch(/Amber Response received; the board judged it partly implemented/);
  expect(await lateResponses(reader)).toBe(lateBefore + 1);
  await axe(reader.page);

  // The item that agreed it can no longer be removed (its page says why; a published item never could be).
  await clerk.open(`/clerk/items/${itemId}/remove`);
  await expectText(page, /cannot be removed/);
}

describe("a board recommendation from minute to judgement", () => {
  it("works with JavaScript", async () => {
    await journey(true);
  }, 300_000);
  it("works without JavaScript", async () => {
    await journey(false);
  }, 300_000);
  it("a clerk records one from a review report, and the public sees where it was agreed", async () => {
    const api = new HttpSession(baseURL(), "reader");
    const docs = JSON.parse((await api.get("/api/v1/documents?per_page=200")).body) as { data: { id: string; slug: string; title: string }[] };
    const doc = docs.data.find((d) => d.slug === "ofsted-focused-visit-letter-2024") ?? docs.data[0];
    const clerk = await newTab(true);
    await signIn(clerk, "clerk");
    const page = clerk.page;
    await clerk.open(`/clerk/documents/${doc.id}`);
    await Promise.all([page.waitForURL(/\/recommendations$/), page.getByRole("link", { name: "Recommendations the board agreed in this report" }).click()]);
    await page.locator("h1", { hasText: "Recommendations: " }).waitFor();
    await checkAxe(page);
    const reference = `E2E/${RUN}rr`;
    const text = `Review the letter's findings with the Trust (${RUN})`;
    await page.getByLabel("Board that agreed the report").selectOption({ label: "Scrutiny Board" });
    await fillDate(page, "agreedOn", "31/2/2026");
    await page.getByLabel("Reference").fill(reference);
    await page.getByLabel("Recommendation (Markdown)").fill(text);
    await page.getByLabel("Addressed to").selectOption({ label: TRUST });
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Record the recommendation" }).click()]);
    await page.locator("#agreedOn-error").waitFor();
    expect(await page.getByLabel("Recommendation (Markdown)").inputValue()).toBe(text);
    clerk.clearProblems(); // the refusal is a 400, on purpose
    await checkAxe(page);
    await fillDate(page, "agreedOn", "1/10/2024");
    await submitAndWait(page, "Record the recommendation", /done=recorded/);
    await Promise.all([page.waitForURL(/\/clerk\/recommendations\/[0-9a-f-]{36}$/), page.getByRole("link", { name: reference, exact: true }).click()]);
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const reader = await newTab(false);
    await reader.open(`/recommendations/${id}`);
    await reader.page.locator("h1", { hasText: reference }).waitFor();
    await expectText(reader.page, `Agreed by Scrutiny Board in ${doc.title}`);
  }, 120_000);
  it("the response periods page is axe-clean", async () => {
    const clerk = await newTab(true);
    await signIn(clerk, "clerk");
    await clerk.open("/clerk/response-periods");
    await expectText(clerk.page, TRUST);
    await checkAxe(clerk.page);
  }, 120_000);
});
