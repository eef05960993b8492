/**
 * The safety nets of the browser tests catch what they are meant to catch, on a real
 * portal page under its real Content-Security-Policy: if one of these fails, a green
 * run of reader.e2e.ts would prove nothing.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "./support/axe";
import { launchBrowser, openReaderTab, type ReaderTab } from "./support/browser";

let browser: Browser;
let tab: ReaderTab | undefined;

beforeAll(async () => {
  // The full browser, as readers run it (the other files use the headless shell: browser.ts).
  browser = await launchBrowser({ full: true });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await tab?.close();
  tab = undefined;
});

describe("the browser test harness", () => {
  it("serves pages under a Content-Security-Policy that allows only this site's scripts", async () => {
    tab = await openReaderTab(browser);
    const response = await tab.open("/");
    const csp = response.headers()["content-security-policy"];
    // A per-request nonce, or (public pages from the page cache) the hashes of the page's own inline scripts.
    expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')+(;|$)/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("runs axe-core under that policy and reports a violation with its rule and target", async () => {
    tab = await openReaderTab(browser);
    await tab.open("/");
    await tab.page.evaluate(() => {
      const image = document.createElement("img");
      image.id = "harness-image-without-alt";
      image.src = "/favicon.svg";
      document.querySelector("main")!.append(image);
    });
    const violations = await axeViolations(tab.page);
    const missingAlt = violations.find((v) => v.id === "image-alt");
    expect(missingAlt?.nodes.map((n) => n.target)).toEqual(["#harness-image-without-alt"]);
    const report = describeViolations(tab.page.url(), violations);
    expect(report).toContain("[image-alt]");
    expect(report).toContain("#harness-image-without-alt");
    // axe itself ran without breaking the policy.
    tab.expectNoProblems();
  });

  it("records a Content-Security-Policy violation as a problem", async () => {
    tab = await openReaderTab(browser);
    await tab.open("/");
    await tab.page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.title = 'inline script ran';";
      document.body.append(script);
    });
    await expect.poll(() => tab!.problems().join("\n")).toMatch(/Content Security Policy/);
    expect(await tab.page.title()).not.toBe("inline script ran");
    expect(() => tab!.expectNoProblems()).toThrow(/Content Security Policy/);
  });

  it("records an uncaught page error as a problem", async () => {
    tab = await openReaderTab(browser);
    await tab.open("/");
    await tab.page.evaluate(() => {
      setTimeout(() => {
        throw new Error("harness: uncaught");
      }, 0);
    });
    await expect.poll(() => tab!.problems().join("\n")).toMatch(/uncaught error/);
    expect(() => tab!.expectNoProblems()).toThrow(/harness: uncaught/);
  });

  it("records a page reached outside open() that answers 404 as a problem", async () => {
    tab = await openReaderTab(browser, { javaScript: false });
    await tab.open("/");
    await tab.page.goto("/no-such-page-followed-by-a-reader");
    expect(() => tab!.expectNoProblems()).toThrow(/status of 404/);
  });

  it("gives a context without JavaScript", async () => {
    tab = await openReaderTab(browser, { javaScript: false });
    await tab.open("/");
    // Remix adds its client scripts to the page; with JavaScript off they never run.
    expect(await tab.page.locator("script[type=module]").count()).toBeGreaterThan(0);
    const ran = await tab.page.evaluate(() => "__remixContext" in window && "__remixRouter" in window);
    expect(ran).toBe(false);
  });
});
