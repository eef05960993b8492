/**
 * People's data in the browser (issue #20 item 6): a follower follows a meeting, confirms from
 * the e-mail, and from the manage link sees, downloads and deletes everything held about them;
 * an administrator sets how long data is kept; the privacy notice (from the footer) and
 * security.txt. Every page and every error state through axe-core.
 *
 * Its own server (as security-cache.e2e.ts) with an SMTP catcher, so the links arrive by e-mail
 * as they would for a person; nothing it does touches the shared server's records.
 */
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser } from "./support/browser";
import { type PortalServer, startPortal } from "./support/server";
import { startSmtpCatcher, type SmtpCatcher } from "./support/smtp";

let portal: PortalServer;
let smtp: SmtpCatcher;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  portal = await startPortal({ env: { SMTP_URL: smtp.url, SECURITY_CONTACT: "mailto:security@example.org" } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await portal?.stop();
  await smtp?.close();
  expect(problems, "the browser reported problems").toEqual([]);
});

async function newPage(javaScript = true): Promise<Page> {
  const context = await browser.newContext({ baseURL: portal.baseURL, javaScriptEnabled: javaScript, locale: "en-GB", timezoneId: "Europe/London" });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}

async function waitForMail(pattern: RegExp, after = 0): Promise<string> {
  const end = Date.now() + 30_000;
  for (;;) {
    for (const mail of smtp.mails.slice(after)) {
      const match = mail.match(pattern);
      if (match) return match[0];
    }
    if (Date.now() > end) throw new Error(`no e-mail matched ${pattern}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const h1 = (page: Page) => page.getByRole("heading", { level: 1 }).innerText();

describe("a follower's own data", () => {
  it("follow, confirm, see, download and delete, every page accessible", async () => {
    const email = `follower-${Date.now()}@example.org`;
    const page = await newPage(true);
    const api = (await (await page.request.get("/api/v1/meetings")).json()) as { results?: { id: string; title?: string }[]; data?: { id: string }[] };
    const meeting = (api.results ?? api.data ?? [])[0];
    expect(meeting, "a published meeting to follow").toBeDefined();

    await page.goto(`/follow?type=meeting&id=${meeting.id}`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email address").fill(email);
    const sentBefore = smtp.mails.length;
    await Promise.all([page.waitForURL(/done=check-email/), page.getByRole("button", { name: "Follow" }).click()]);
    const confirm = await waitForMail(/\/follow\/confirm\/[A-Za-z0-9_-]{16,}/, sentBefore);
    await page.goto(confirm);
    await Promise.all([page.waitForURL(/\/follow\/manage\//), page.getByRole("button").filter({ hasText: /confirm/i }).first().click()]);

    await Promise.all([page.waitForURL(/\/data$/), page.getByRole("link", { name: /See, download or delete everything we hold about/ }).click()]);
    // A client-side navigation changes the address a moment before the page: wait for the page.
    await page.getByRole("heading", { level: 1, name: "Everything we hold about you" }).waitFor();
    await expect(page.getByText(email).first().isVisible()).resolves.toBe(true);
    await page.locator("details summary").first().click();
    await expect(page.getByText("[link hidden]").first().isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download it (JSON)" }).click()]);
    const data = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as { email: string; follows: unknown[] };
    expect(data.email).toBe(email);
    expect(data.follows).toHaveLength(1);

    // The form asks for the box to be ticked first (the error state, through axe).
    const dataPage = page.url();
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Delete everything" }).click()]);
    await expect(page.locator("#confirm-error").innerText()).resolves.toContain("Tick the box");
    await expectNoAxeViolations(page);

    // Without JavaScript (axe needs it, so not here: the same server-rendered markup): the box, then deletion.
    const plain = await newPage(false);
    await plain.goto(dataPage);
    await Promise.all([plain.waitForLoadState("load"), plain.getByRole("button", { name: "Delete everything" }).click()]);
    expect(await plain.title()).toMatch(/^Error: Everything we hold about you/);
    await expect(plain.locator("#confirm-error").innerText()).resolves.toContain("Tick the box");
    await plain.getByLabel(/Delete everything you hold about/).check();
    await Promise.all([plain.waitForURL(/\/privacy\?deleted$/), plain.getByRole("button", { name: "Delete everything" }).click()]);
    await expect(plain.getByText("Everything we held about your e-mail address has been deleted").isVisible()).resolves.toBe(true);
    await page.goto("/privacy?deleted");
    await expectNoAxeViolations(page);
    const gone = await plain.goto(dataPage);
    expect(gone?.status()).toBe(404);
  }, 120_000);
});

describe("how long data is kept, the privacy notice and security.txt", () => {
  it("an administrator sets the retention periods; a bad value is refused beside its field", async () => {
    const page = await newPage(true);
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(DEMO_ACCOUNTS.admin.email);
    await page.getByLabel("Password").fill(DEMO_ACCOUNTS.admin.password);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/sign-in")), page.getByRole("button", { name: "Sign in" }).click()]);
    await page.goto("/admin/settings");
    await expectNoAxeViolations(page);
    await page.getByLabel("Days sent e-mails are kept").fill("0");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Save how long data is kept" }).click()]);
    await expect(page.locator("#outboxDays-error").innerText()).resolves.toMatch(/at least 1 day/);
    await expect(page.getByLabel("Days sent e-mails are kept").inputValue()).resolves.toBe("0");
    await expectNoAxeViolations(page);
    await page.getByLabel("Days sent e-mails are kept").fill("60");
    await Promise.all([page.waitForURL(/\/admin\/settings\?saved/), page.getByRole("button", { name: "Save how long data is kept" }).click()]);
    await page.goto("/privacy");
    await expect(page.getByText(/kept for 60 days after they/).isVisible()).resolves.toBe(true);
  }, 60_000);

  it("the footer leads to the privacy notice; security.txt names the contact", async () => {
    const page = await newPage(true);
    await page.goto("/");
    await Promise.all([page.waitForURL(/\/privacy$/), page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" }).click()]);
    await page.getByRole("heading", { level: 1, name: "Privacy notice" }).waitFor();
    expect(await h1(page)).toBe("Privacy notice");
    await expectNoAxeViolations(page);
    const txt = await page.request.get("/.well-known/security.txt");
    expect(txt.status()).toBe(200);
    expect(await txt.text()).toMatch(/^Contact: mailto:security@example\.org$/m);
  }, 60_000);
});
