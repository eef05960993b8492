/**
 * Two-step verification through Chromium (docs/decisions/028-two-step-verification.md),
 * on a portal of its own (the shared server's demo accounts must keep signing in with
 * a password alone): an administrator requires it of clerks and administrators, is sent
 * to set it up before anything else, scans nothing but reads the key as text, confirms
 * it, keeps the recovery codes, then signs in with a code (with JavaScript) and with a
 * recovery code (without), and signs out everywhere. axe runs on every page and every
 * form shown with its errors.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { launchBrowser } from "./support/browser";
import { startPortal, type PortalServer } from "./support/server";

let portal: PortalServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
  [portal, browser] = await Promise.all([startPortal(), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await portal?.stop();
});

async function newPage(javaScript = true): Promise<Page> {
  const context = await browser.newContext({ baseURL: portal.baseURL, javaScriptEnabled: javaScript, locale: "en-GB" });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // A form answered with its errors is a 400, which Chromium reports; anything else is a problem.
    if (message.type() === "error" && !/status of (400|429)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return page;
}

/** The code an app with this key shows, `stepsAhead` 30-second steps from now (the portal accepts one either side). */
function code(secret: Uint8Array, stepsAhead = 0): string {
  return generateHOTP(secret, BigInt(Math.floor(Date.now() / 30_000) + stepsAhead), 6);
}

async function click(page: Page, name: string | RegExp, url?: RegExp) {
  await Promise.all([url ? page.waitForURL(url) : page.waitForLoadState("load"), page.getByRole("button", { name, exact: typeof name === "string" }).click()]);
  await page.waitForLoadState("load");
}

async function signInWithPassword(page: Page, next: RegExp) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(DEMO_ACCOUNTS.admin.email);
  await page.getByLabel("Password").fill(DEMO_ACCOUNTS.admin.password);
  await click(page, "Sign in", next);
}

describe("two-step verification", () => {
  let secret: Uint8Array;
  let recoveryCodes: string[] = [];

  it("an administrator requires it, is sent to set it up first, and sets it up with the key as text", async () => {
    const page = await newPage();
    await signInWithPassword(page, /\/$/);
    await page.goto("/admin/settings");
    await expectNoAxeViolations(page);
    await page.getByRole("group", { name: "Require two-step verification for clerks and administrators" }).getByLabel("Yes").check();
    // Saved: this administrator has no second factor yet, so even the settings page now leads to setting it up.
    await Promise.all([page.waitForURL(/\/account\/two-step$/), page.getByRole("button", { name: "Save two-step verification setting" }).click()]);
    await page.goto("/admin");
    expect(new URL(page.url()).pathname).toBe("/account/two-step");
    await page.getByText("Clerks and administrators must use two-step verification").waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Set up two-step verification" }).click();
    await page.locator("#two-step-key").waitFor();
    await expect(page.locator(".portal-qr-code svg").count()).resolves.toBe(1);
    const key = (await page.locator("#two-step-key").textContent())!.trim();
    expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    secret = decodeBase32IgnorePadding(key.replace(/ /g, ""));
    await expectNoAxeViolations(page);

    // A wrong code: the message beside the field, and in the summary.
    await page.getByLabel("Security code").fill("12345");
    await page.getByRole("button", { name: "Turn on two-step verification" }).click();
    await page.waitForFunction(() => document.title.startsWith("Error: "));
    await expect(page.locator("#code-error").textContent()).resolves.toContain("The code must be 6 digits");
    await expectNoAxeViolations(page);

    await page.getByLabel("Security code").fill(code(secret));
    await click(page, "Turn on two-step verification");
    await page.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    recoveryCodes = (await page.locator(".portal-recovery-codes code").allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    await expectNoAxeViolations(page);
    await click(page, /I have kept my recovery codes/, /\/account$/);
    await page.goto("/admin");
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin");
    await click(page, "Sign out", /\/sign-in\?signedOut/);
  });

  it("signs in with a code from the app, and lists the sessions with sign out everywhere", async () => {
    const page = await newPage();
    await signInWithPassword(page, /\/sign-in\/two-step/);
    await expectNoAxeViolations(page);
    // Another person's code (another secret): refused beside the field.
    await page.getByLabel("Security code").fill(code(new Uint8Array(20).fill(7)));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForFunction(() => document.title.startsWith("Error: "));
    await expect(page.locator("#code-error").textContent()).resolves.toContain("The code is not right, or it has expired");
    await expectNoAxeViolations(page);
    // The next step's code (the one that set it up is spent).
    await page.getByLabel("Security code").fill(code(secret, 1));
    await click(page, "Continue", /\/$/);
    await page.goto("/account/sessions");
    await expect(page.getByText("This session").count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    await click(page, "Sign out everywhere", /\/sign-in\?signedOut/);
    await page.goto("/admin");
    await page.waitForURL(/\/sign-in\?redirectTo=%2Fadmin/);
  });

  it("signs in with a recovery code without JavaScript; the same code a second time is refused", async () => {
    const page = await newPage(false);
    await signInWithPassword(page, /\/sign-in\/two-step/);
    await page.getByLabel("Security code").fill(recoveryCodes[0]);
    await click(page, "Continue", /\/$/);
    await click(page, "Sign out", /\/sign-in\?signedOut/);

    await signInWithPassword(page, /\/sign-in\/two-step/);
    await page.getByLabel("Security code").fill(recoveryCodes[0]);
    await click(page, "Continue");
    expect(await page.title()).toMatch(/^Error: /);
    await expect(page.locator("#code-error").textContent()).resolves.toContain("The code is not right");
    expect(problems).toEqual([]);
  });
});
