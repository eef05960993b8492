/**
 * One browser for a test file, and the tabs its tests open: every tab's problems
 * (console errors, failed requests...) fail the file at the end, then all close.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { launchBrowser, openReaderTab, type ReaderTab } from "./browser";

export function browserWithTabs() {
  let browser: Browser | undefined;
  const tabs: ReaderTab[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    try {
      for (const tab of tabs) tab.expectNoProblems();
    } finally {
      for (const tab of tabs) await tab.close();
      await browser?.close();
    }
  });
  return {
    /** A new tab (a new context: no cookies), with or without JavaScript, checked at the end. */
    newTab: async (javaScript = true) => {
      if (!browser) throw new Error("The browser is not running yet: open tabs inside a test or hook");
      const tab = await openReaderTab(browser, { javaScript });
      tabs.push(tab);
      return tab;
    },
  };
}

/**
 * As browserWithTabs, but each test's tabs are checked and closed after that test, so a
 * problem fails the test that caused it: `open()` gives a tab.
 */
export function readerTabs() {
  let browser: Browser | undefined;
  let tabs: ReaderTab[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const open = tabs;
    tabs = [];
    try {
      for (const tab of open) tab.expectNoProblems();
    } finally {
      for (const tab of open) await tab.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error("readerTabs(): the browser starts in beforeAll");
      return browser;
    },
    async open(options: { javaScript?: boolean } = {}): Promise<ReaderTab> {
      const tab = await openReaderTab(this.browser, options);
      tabs.push(tab);
      return tab;
    },
  };
}
