/**
 * Debian's Chromium through playwright-core (never a downloaded browser), and a
 * reader's tab on the portal that records every problem the page reports:
 * console errors (Chromium reports Content-Security-Policy violations there),
 * uncaught page errors, sub-resources that fail or answer 4xx/5xx.
 */
import fs from "node:fs";
import { inject } from "vitest";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type ConsoleMessage,
  type Locator,
  type Page,
  type Request,
  type Response,
} from "playwright-core";

/**
 * Debian's Chromium, in the two builds Debian makes of it (the source package `chromium`):
 * - the headless shell (`apt-get install -y chromium-headless-shell`), the build Chromium's
 *   own project makes for automated tests (Playwright's default for headless runs), which most
 *   files use: a page costs it a third of the CPU of the full browser (ADR 054);
 * - the full browser (`apt-get install -y chromium`), as readers run it, for the files that ask
 *   for it (`launchBrowser({ full: true })`) and wherever the headless shell is missing.
 * E2E_CHROMIUM names another executable for every file.
 */
export const FULL_CHROMIUM = "/usr/bin/chromium";
export const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";

function executable(full: boolean) {
  if (process.env.E2E_CHROMIUM) return process.env.E2E_CHROMIUM;
  if (!full && fs.existsSync(HEADLESS_SHELL)) return HEADLESS_SHELL;
  return FULL_CHROMIUM;
}

export async function launchBrowser(options: { full?: boolean } = {}): Promise<Browser> {
  const path = executable(options.full ?? false);
  if (!fs.existsSync(path)) {
    throw new Error(
      `${path} is missing. Install Debian's Chromium: apt-get update && apt-get install -y chromium chromium-headless-shell ` +
        "(the browser tests never download one).",
    );
  }
  // playwright-core gives every launch a fresh, temporary user data directory.
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export function baseURL(): string {
  return inject("baseURL");
}

export interface ReaderTab {
  context: BrowserContext;
  page: Page;
  /** Opens a path of the portal and checks the status it answers (200 unless told). */
  open: (path: string, options?: { status?: number }) => Promise<Response>;
  /** Problems the page reported since the tab opened (or since the last `clearProblems`). */
  problems: () => string[];
  clearProblems: () => void;
  /** Fails with every problem the page reported. */
  expectNoProblems: () => void;
  /** Stops recording problems; the context is kept, cleared, for the browser's next tab of this kind. */
  close: () => Promise<void>;
}

/** Playwright's viewport for a new context, put back when a kept tab is used again. */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

/**
 * Closed tabs kept for the next tab of the same kind (with or without JavaScript), by browser:
 * a new context costs Chromium about 1 s of CPU and its first page, in a new renderer, about
 * 1 s more; a page loaded in a kept tab about 0.35 s (docs/decisions/053-browser-tabs-kept.md).
 */
const keptTabs = new WeakMap<Browser, Map<boolean, { context: BrowserContext; page: Page }[]>>();

function shelfOf(browser: Browser, javaScript: boolean) {
  let byKind = keptTabs.get(browser);
  if (!byKind) keptTabs.set(browser, (byKind = new Map()));
  let shelf = byKind.get(javaScript);
  if (!shelf) byKind.set(javaScript, (shelf = []));
  return shelf;
}

/** A kept tab, made a stranger's again: no cookies, routes or permissions; the default viewport, screen media and timeouts. */
async function takeKeptTab(browser: Browser, javaScript: boolean) {
  const shelf = shelfOf(browser, javaScript);
  for (let kept = shelf.pop(); kept; kept = shelf.pop()) {
    if (!kept.page.isClosed()) return kept;
    await kept.context.close().catch(() => {});
  }
  return null;
}

async function keepTab(browser: Browser, javaScript: boolean, context: BrowserContext, page: Page) {
  try {
    if (page.isClosed()) throw new Error("the page is closed");
    for (const other of context.pages()) if (other !== page) await other.close();
    await context.unrouteAll({ behavior: "ignoreErrors" });
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await context.clearCookies();
    await context.clearPermissions();
    await page.setViewportSize(DEFAULT_VIEWPORT);
    await page.emulateMedia({ media: null });
    // The context's timeouts are set again by openReaderTab; a test may have changed the page's.
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(30_000);
    shelfOf(browser, javaScript).push({ context, page });
  } catch {
    await context.close().catch(() => {});
  }
}

/**
 * A tab with no cookies (a member of the public), with or without JavaScript
 * (`javaScript: false`, a reader whose browser runs no scripts). It is a new browser context,
 * or one a closed tab left (`close()` keeps it, its cookies cleared: see keptTabs).
 */
export async function openReaderTab(browser: Browser, options: { javaScript?: boolean } = {}): Promise<ReaderTab> {
  const javaScript = options.javaScript ?? true;
  const kept = await takeKeptTab(browser, javaScript);
  const context =
    kept?.context ??
    (await browser.newContext({
      baseURL: baseURL(),
      javaScriptEnabled: javaScript,
      locale: "en-GB",
      timezoneId: "Europe/London",
      viewport: DEFAULT_VIEWPORT,
    }));
  if (!javaScript) withoutJavaScript.add(context);
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = kept?.page ?? (await context.newPage());
  let problems: string[] = [];
  // A document that answers an error status (a 404 page) makes Chromium log "Failed to
  // load resource" for it. For documents opened with open(), whose status is checked
  // there, that message says nothing new; for a link a reader follows, it is a problem.
  const checkedDocuments = new Set<string>();

  const onConsole = (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const where = message.location().url;
    if (checkedDocuments.has(where) && /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
      return;
    }
    problems.push(`console error on ${page.url()}: ${message.text()}${where ? ` (${where})` : ""}`);
  };
  const onPageError = (error: Error) => {
    problems.push(`uncaught error on ${page.url()}: ${error.stack ?? error.message}`);
  };
  const onRequestFailed = (request: Request) => {
    const failure = request.failure()?.errorText ?? "failed";
    // With JavaScript off, Chromium refuses the page's module scripts (and their preloads).
    if (!javaScript && request.resourceType() === "script") return;
    // A navigation that replaces another aborts the first one's requests: not a fault of the page.
    if (failure === "net::ERR_ABORTED" && request.resourceType() !== "stylesheet" && request.resourceType() !== "script") return;
    problems.push(`request failed on ${page.url()}: ${request.method()} ${request.url()} (${request.resourceType()}): ${failure}`);
  };
  const onResponse = (response: Response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return; // checked by open()
    if (response.status() >= 400) {
      problems.push(
        `${request.resourceType()} ${request.url()} answered ${response.status()} on ${page.url()}`,
      );
    }
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  page.on("requestfailed", onRequestFailed);
  page.on("response", onResponse);

  const open = async (path: string, { status = 200 }: { status?: number } = {}) => {
    const url = new URL(path, baseURL()).toString();
    checkedDocuments.add(url);
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response) throw new Error(`No response for ${path}`);
    if (response.status() !== status) {
      const body = (await page.locator("body").innerText().catch(() => "")).slice(0, 2_000);
      throw new Error(`GET ${path} answered ${response.status()}, expected ${status}. The page shows:\n${body}`);
    }
    if (javaScript) await waitForHydration(page);
    return response;
  };

  let closed = false;
  return {
    context,
    page,
    open,
    problems: () => [...problems],
    clearProblems: () => {
      problems = [];
    },
    expectNoProblems: () => {
      if (problems.length > 0) {
        throw new Error(`The browser reported ${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      page.off("console", onConsole);
      page.off("pageerror", onPageError);
      page.off("requestfailed", onRequestFailed);
      page.off("response", onResponse);
      await keepTab(browser, javaScript, context, page);
    },
  };
}

/**
 * Waits until the page's own scripts have loaded and run (Remix hydrates after its
 * module scripts load), so errors they report are seen before the test moves on.
 */
export async function waitForHydration(page: Page) {
  // A reader without JavaScript has nothing to wait for: the page is whole once loaded.
  if (withoutJavaScript.has(page.context())) return;
  // Nor a document whose scripts were taken out on the way in (a check of the server's HTML).
  if ((await page.locator('script[type="module"]').count()) === 0) return;
  // app/root.tsx marks <html data-hydrated> once React's effects have run.
  await page.locator('html[data-hydrated="true"]').waitFor({ state: "attached" });
}

type RemixWindow = {
  __remixRouter?: { state: { location: { key: string }; navigation: { state: string }; revalidation: string; fetchers: Map<string, { state: string }> } };
};

/**
 * Remix has hydrated, nothing is loading or submitting, and the page on screen is the
 * router's current one (app/root.tsx marks <html data-rendered-key> after React commits):
 * a client navigation changes the address before React has drawn the new page.
 */
export async function waitForSettled(page: Page) {
  if (withoutJavaScript.has(page.context())) return;
  // A page drawn by a client navigation has no module script of its own: it is hydrated.
  const hydrated = (await page.locator('html[data-hydrated="true"]').count()) > 0;
  if (!hydrated && (await page.locator('script[type="module"]').count()) === 0) return;
  await page.waitForFunction(() => {
    const router = (window as unknown as RemixWindow).__remixRouter;
    if (!router) return false;
    const { location, navigation, revalidation, fetchers } = router.state;
    return (
      navigation.state === "idle" &&
      revalidation === "idle" &&
      [...fetchers.values()].every((f) => f.state === "idle") &&
      document.documentElement.dataset.renderedKey === location.key
    );
  });
}

/** The contexts made by openReaderTab for a reader whose browser runs no scripts. */
const withoutJavaScript = new WeakSet<BrowserContext>();

/** A pattern for text as a reader sees it: apostrophes may be typographic (’) or plain ('). */
export function text(value: string, flags = ""): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/['’]/g, "['’]").replace(/\s+/g, "\\s+");
  return new RegExp(escaped, flags);
}

/** Waits for a locator to be visible, failing with a message that names what was looked for. */
export async function expectVisible(locator: Locator, what: string) {
  try {
    await locator.first().waitFor({ state: "visible" });
  } catch {
    const page = locator.page();
    const body = (await page.locator("main").innerText().catch(() => "")).slice(0, 3_000);
    throw new Error(`Expected to see ${what} on ${page.url()}, but it is not visible. The main content reads:\n${body}`);
  }
}

/** Waits for text a reader should see on the page (a string is matched as it reads, apostrophes either way). */
export async function expectText(page: Page, value: string | RegExp) {
  const pattern = typeof value === "string" ? text(value) : value;
  await expectVisible(page.getByText(pattern), `the text ${pattern}`);
}

/** Follows a link as a reader does: finds it by its accessible name, clicks it, waits for the new page. */
export async function follow(page: Page, name: string | RegExp, urlPattern: RegExp, within?: Locator) {
  const scope = within ?? page.locator("body");
  const link = scope.getByRole("link", { name: typeof name === "string" ? text(name) : name }).first();
  await expectVisible(link, `a link named ${String(name)}`);
  await link.click();
  await page.waitForURL(urlPattern);
  await page.waitForLoadState("load");
  await waitForSettled(page);
}

/** The header navigation (a reader's way between sections where the content has no link). */
export function mainNavigation(page: Page): Locator {
  return page.getByRole("navigation", { name: "Main" });
}
