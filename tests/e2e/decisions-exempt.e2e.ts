/**
 * Issue 18 items 4 and 7 in Chromium (ADR 034): a clerk records a decision from the seeded
 * minute and the public sees it on /decisions, the item page and the API, with and without
 * JavaScript; a clerk sets an exempt item's review date, sees it on the dashboard, releases
 * it after confirming, and the public then reads its content with the release note. axe finds
 * nothing on the new pages.
 */
import { describe, expect, it } from "vitest";
import { signIn, submitAndWait } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { baseURL, expectText } from "./support/browser";
import { dateValue, fillDate } from "./support/date-input";
import { HttpSession } from "./support/http-session";
import { browserWithTabs } from "./support/tabs";

const { newTab } = browserWithTabs();
const RUN = Date.now().toString(36);
const HIDDEN = `E2eReleasedBody${RUN}`;

/** The seeded meeting (held, minutes published) and its first item, from the public API. */
async function seededItem() {
  const api = new HttpSession(baseURL(), "reader");
  const list = JSON.parse((await api.get("/api/v1/meetings?per_page=200")).body) as { data: { id: string; minutes_published_at_precision: string | null; status: string }[] };
  for (const m of list.data) {
    const one = JSON.parse((await api.get(`/api/v1/meetings/${m.id}`)).body) as {
      data: { status: string; minutes_published_at_precision: string | null; minutes_approved_at: string | null; agenda: { id: string; description: string; exempt: unknown }[]; slug: string };
    };
    const item = one.data.agenda.find((i) => !i.exempt);
    // Other browser tests approve the minutes of meetings they make, which freezes the
    // agenda: this test adds an item, so it needs minutes published and not yet approved.
    const open = one.data.status === "passed" && one.data.minutes_published_at_precision && !one.data.minutes_approved_at;
    if (open && item) return { meetingId: m.id, slug: one.data.slug, item };
  }
  throw new Error("no held meeting with published minutes in the seeded content");
}

/** Today as the forms take it (day/month/year, London). */
const today = () => new Date().toLocaleDateString("en-GB", { timeZone: "Europe/London" });

describe("decisions", () => {
  for (const javaScript of [true, false]) {
    it(`a clerk records a decision and the public finds it (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { item } = await seededItem();
      const text = `Resolved to ask for a report on placements ${RUN}${javaScript ? "js" : "nojs"}`;
      const clerk = await newTab(javaScript);
      await signIn(clerk, "clerk");
      await clerk.open(`/clerk/items/${item.id}/decisions`);
      expect(await clerk.page.locator("h1").innerText()).toMatch(/^Decisions: \d+\. /);
      // Bad input is refused beside the field, with the text kept.
      await clerk.page.getByLabel("Decision (Markdown)").fill(text);
      await fillDate(clerk.page, "callInUntil", "31/2/2026");
      await clerk.page.getByRole("button", { name: "Record decision" }).click();
      await clerk.page.waitForLoadState("networkidle");
      await expectText(clerk.page, "Last day for call-in must be a real date");
      expect(await clerk.page.getByLabel("Decision (Markdown)").inputValue()).toBe(text);
      expect(await dateValue(clerk.page, "callInUntil")).toBe("31/2/2026");
      clerk.clearProblems(); // the refusal is a 400, on purpose
      if (javaScript) await expectNoAxeViolations(clerk.page);
      await fillDate(clerk.page, "callInUntil", "//");
      await submitAndWait(clerk.page, "Record decision", /done=saved/);
      await expectText(clerk.page, "Decision saved.");

      const reader = await newTab(javaScript);
      await reader.open(`/decisions?q=${encodeURIComponent(`${RUN}${javaScript ? "js" : "nojs"}`)}`);
      expect(await reader.page.locator("h1").innerText()).toBe("Decisions");
      await expectText(reader.page, text);
      if (javaScript) await expectNoAxeViolations(reader.page);
      await reader.page.locator("main .portal-decisions a").first().click();
      await reader.page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
      // With JavaScript the page changes after the address does: wait for its heading.
      await reader.page.locator("h1", { hasText: "Decision:" }).waitFor();
      await expectText(reader.page, "Made");
      if (javaScript) await expectNoAxeViolations(reader.page);
      await reader.open(`/agenda-items/${item.id}`);
      await expectText(reader.page, text);
      const api = new HttpSession(baseURL(), "reader");
      const body = (await api.get(`/api/v1/decisions?q=${RUN}${javaScript ? "js" : "nojs"}`)).body;
      expect(JSON.parse(body).data.map((d: { description: string }) => d.description)).toContain(text);
    }, 240_000);
  }
});

describe("an exempt item through time", () => {
  it("a clerk sets its review date, sees it due, releases it, and the public reads it with the release note", async () => {
    const { meetingId, slug } = await seededItem();
    // An exempt item on the held meeting, made and published through the clerk's own forms.
    const clerkHttp = new HttpSession(baseURL(), "clerk");
    await clerkHttp.signIn("clerk");
    const title = `E2e exempt item ${RUN}`;
    await clerkHttp.submit(`/clerk/meetings/${meetingId}`, { intent: "add", title, parentId: "" });
    const builder = await clerkHttp.data<{ items: { id: string; title: string }[] }>(`/clerk/meetings/${meetingId}`, "routes/clerk.meetings.$id._index");
    const itemId = builder.items.find((i) => i.title === title)!.id;
    const { item } = await clerkHttp.data<{ item: { version: number } }>(`/clerk/items/${itemId}`, "routes/clerk.items.$id._index");
    await clerkHttp.submit(`/clerk/items/${itemId}`, {
      intent: "save",
      version: String(item.version),
      title,
      purpose: "",
      body: `Body ${HIDDEN}`,
      leadOfficerId: "",
      isExempt: "yes",
      exemptParagraph: "3",
      exemptReason: `Commercially sensitive until the contract is let ${RUN}`,
      publicTitle: `A contract matter ${RUN}`,
      publicSummary: "",
      reason: "",
    });
    await clerkHttp.submit(`/clerk/meetings/${meetingId}`, { intent: "publish-supplementary", supplementaryReason: "Added for the e2e test" });

    const reader = await newTab(false);
    await reader.open(`/agenda-items/${itemId}`);
    await expectText(reader.page, `Commercially sensitive until the contract is let ${RUN}`);
    expect(await reader.page.locator("main").innerText()).not.toContain(HIDDEN);

    const clerk = await newTab(true);
    await signIn(clerk, "clerk");
    await clerk.open(`/clerk/items/${itemId}/exemption`);
    await fillDate(clerk.page, "reviewOn", today());
    await submitAndWait(clerk.page, "Save review date", /done=review/);
    await expectNoAxeViolations(clerk.page);
    await reader.open(`/agenda-items/${itemId}`);
    await expectText(reader.page, /The exemption will be reviewed on \d{1,2} \w+ \d{4}/);

    await clerk.open("/clerk");
    await expectText(clerk.page, "Exempt items due for review");
    await clerk.page.getByRole("link", { name: title }).click();
    await clerk.page.waitForURL(/\/exemption$/);
    // Refused without the confirmation.
    await clerk.page.getByRole("button", { name: "Release the item" }).click();
    await clerk.page.waitForLoadState("networkidle");
    await expectText(clerk.page, "Confirm that the review found the item no longer needs to be exempt");
    clerk.clearProblems(); // the refusal is a 400, on purpose
    await clerk.page.getByLabel("The review found this item no longer needs to be exempt").check();
    await submitAndWait(clerk.page, "Release the item", /done=released/);

    for (const path of [`/agenda-items/${itemId}`, `/meetings/${slug}`]) {
      await reader.open(path);
      await expectText(reader.page, /Released on \d{1,2} \w+ \d{4} after review/);
    }
    await reader.open(`/agenda-items/${itemId}`);
    await expectText(reader.page, HIDDEN);
    const js = await newTab(true);
    await js.open(`/agenda-items/${itemId}`);
    await expectText(js.page, HIDDEN);
    await expectNoAxeViolations(js.page);
  }, 240_000);
});
