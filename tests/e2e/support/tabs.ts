/**
 * One browser for a test file, and the tabs its tests open: a tab opened in a test is
 * checked when the test ends (its problems, console errors, failed requests..., fail that
 * test) and closed, so the next test's tab can use its context again (browser.ts, keptTabs);
 * a tab opened in a beforeAll hook is checked and closed when the file ends.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { launchBrowser, openReaderTab, type ReaderTab } from "./browser";

async function checkAndClose(tabs: ReaderTab[]) {
  try {
    for (const tab of tabs) tab.expectNoProblems();
  } finally {
    for (const tab of tabs) await tab.close();
  }
}

export function browserWithTabs() {
  let browser: Browser | undefined;
  const fileTabs: ReaderTab[] = [];
  let testTabs: ReaderTab[] | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(() => {
    testTabs = [];
  });
  afterEach(async () => {
    const open = testTabs ?? [];
    testTabs = null;
    await checkAndClose(open);
  });
  afterAll(async () => {
    try {
      await checkAndClose(fileTabs);
    } finally {
      await browser?.close();
    }
  });
  return {
    /** A tab with no cookies, with or without JavaScript, checked when its test (or, opened in beforeAll, the file) ends. */
    newTab: async (javaScript = true) => {
      if (!browser) throw new Error("The browser is not running yet: open tabs inside a test or hook");
      const tab = await openReaderTab(browser, { javaScript });
      (testTabs ?? fileTabs).push(tab);
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
