/**
 * A person's way through the portal, counted (issue 16: "without friction or workarounds").
 * One address is typed by hand, the start; every later page is reached by a link followed
 * by its visible text or a button pressed on the page before. Each page load or form
 * submission is a step, counted against the stage of the work it belongs to.
 *
 * With JavaScript, a link is Remix's client navigation and a button its fetch: a step ends
 * when the router is idle again. Without, a step ends when the next document has loaded.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_ACCOUNTS, type DemoRole } from "./accounts";
import { expectNoAxeViolations } from "./axe";
import { baseURL, expectVisible, text, waitForSettled, type ReaderTab } from "./browser";

export class Steps {
  private readonly counts = new Map<string, number>();
  private stage = "";
  private typed: string[] = [];
  private readonly axeKinds = new Set<string>();

  constructor(
    readonly tab: ReaderTab,
    readonly javaScript: boolean,
    readonly who: string,
  ) {}

  get page() {
    return this.tab.page;
  }

  /** The work the next steps belong to. */
  begin(stage: string) {
    this.stage = stage;
    if (!this.counts.has(stage)) this.counts.set(stage, 0);
  }

  private count() {
    if (!this.stage) throw new Error("Name the stage first: steps.begin(...)");
    this.counts.set(this.stage, (this.counts.get(this.stage) ?? 0) + 1);
  }

  /** The one address typed by hand. */
  async start(path: string) {
    this.typed.push(path);
    this.count();
    await this.tab.open(path);
  }

  private async settle(before: string, urlPattern?: RegExp) {
    if (urlPattern) await this.page.waitForURL(urlPattern);
    if (this.javaScript) await waitForSettled(this.page);
    else await this.page.waitForLoadState("load");
    void before;
  }

  /** Follows a link by its visible text (the first that matches, within `scope` if given). */
  async follow(name: string | RegExp, options: { within?: Locator; exact?: boolean } = {}) {
    const scope = options.within ?? this.page.getByRole("main");
    const link = scope.getByRole("link", { name: typeof name === "string" && !options.exact ? text(name) : name, exact: options.exact }).first();
    await expectVisible(link, `a link named ${String(name)}`);
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    const target = new URL(href);
    target.hash = "";
    this.count();
    await Promise.all([
      this.page.waitForURL((u) => {
        const at = new URL(u);
        at.hash = "";
        return at.href === target.href;
      }),
      link.click(),
    ]);
    await this.settle(href);
  }

  /** Follows a link in the header's navigation. */
  async nav(name: string) {
    await this.follow(name, { within: this.page.getByRole("navigation", { name: "Main" }), exact: true });
  }

  /**
   * Presses a button (within `scope` if given) and waits for the answer: the page it
   * leads to (matching `urlPattern` when given) or the same page with its message.
   */
  async press(name: string | RegExp, options: { within?: Locator; urlPattern?: RegExp; exact?: boolean } = {}) {
    const scope = options.within ?? this.page.getByRole("main");
    const button = scope.getByRole("button", { name, exact: options.exact }).first();
    await expectVisible(button, `a button named ${String(name)}`);
    this.count();
    const answered = this.javaScript
      ? this.page.waitForResponse((r) => r.request().resourceType() === "fetch" || r.request().isNavigationRequest())
      : this.page.waitForEvent("load");
    await Promise.all([answered, button.click()]);
    await this.settle(this.page.url(), options.urlPattern);
  }

  /** axe on a kind of page the first time it is seen (with JavaScript: axe runs in the page). */
  async axe(kind: string) {
    if (!this.javaScript || this.axeKinds.has(kind)) return;
    this.axeKinds.add(kind);
    await expectNoAxeViolations(this.page);
  }

  /** The page at 390 px: nothing to scroll sideways; then back to the desktop width. */
  async fits390() {
    await this.page.setViewportSize({ width: 390, height: 900 });
    expect(await this.page.evaluate(() => document.documentElement.scrollWidth), `${this.page.url()} at 390 px`).toBeLessThanOrEqual(390);
    if (this.javaScript && !this.axeKinds.has(`390:${this.path()}`)) {
      this.axeKinds.add(`390:${this.path()}`);
      await expectNoAxeViolations(this.page);
    }
    await this.page.setViewportSize({ width: 1280, height: 900 });
  }

  /** The page's address, without the origin. */
  path() {
    const u = new URL(this.page.url());
    return u.pathname + u.search;
  }

  /** Steps per stage, and the total. */
  table() {
    return [...this.counts.entries()];
  }

  total() {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }

  /** Prints the steps and checks the way had no workaround: one address typed, the start. */
  report(title: string) {
    const lines = this.table().map(([stage, n]) => `  ${String(n).padStart(3)}  ${stage}`);
    console.log(`${title} (${this.who}, ${this.javaScript ? "with" : "without"} JavaScript): ${this.total()} steps\n${lines.join("\n")}`);
    expect(this.typed, `${this.who} typed an address other than the start`).toHaveLength(1);
    expect(new URL(this.typed[0], baseURL()).pathname).toBe("/");
  }
}

/** Start at the home page, sign in through the header's link. */
export async function signInFromHome(steps: Steps, role: DemoRole) {
  steps.begin("Sign in");
  await steps.start("/");
  await steps.follow("Sign in", { within: steps.page.locator("body"), exact: true });
  await steps.page.getByLabel("Email address").fill(DEMO_ACCOUNTS[role].email);
  await steps.page.getByLabel("Password").fill(DEMO_ACCOUNTS[role].password);
  await steps.press("Sign in", { urlPattern: /^(?!.*\/sign-in)/, exact: true });
}
