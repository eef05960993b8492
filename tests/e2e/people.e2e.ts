/**
 * A clerk adds a panel, a person and their membership, then changes the
 * membership; an administrator opens the settings. Every page, and every form
 * shown with its errors, has no axe violations (axe runs in the page, so with
 * JavaScript on; the same forms without JavaScript are tested in
 * tests/integration/clerk-people.test.ts). The setting is not saved here: other
 * browser tests read the deadlines it sets.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { signIn } from "./support/accounts";
import { expectText, type ReaderTab } from "./support/browser";
import { fillDate } from "./support/date-input";
import { browserWithTabs } from "./support/tabs";


const { newTab } = browserWithTabs();

async function submit(page: Page, button: string, url: RegExp | ((u: URL) => boolean)) {
  await Promise.all([page.waitForURL(url), page.getByRole("button", { name: button, exact: true }).click()]);
}

/** Posts a form whose answer is the same page with errors; the 400 it answers is expected, so not a problem. */
async function submitWithErrors(t: ReaderTab, button: string) {
  const { page } = t;
  await page.getByRole("button", { name: button, exact: true }).click();
  await expectText(page, "There is a problem");
  await page.waitForFunction(() => document.title.startsWith("Error: "));
  const unexpected = t.problems().filter((p) => !/answered 400|status of 400/.test(p));
  expect(unexpected).toEqual([]);
  t.clearProblems();
}

describe("boards, people and memberships", () => {
  it("are added and changed through accessible forms", async () => {
    const tab = await newTab();
    const { page } = tab;
    await signIn(tab, "clerk");

    await tab.open("/clerk");
    await expectNoAxeViolations(page);
    await tab.open("/clerk/bodies");
    await expectText(page, "Scrutiny Board");
    await expectNoAxeViolations(page);

    await tab.open("/clerk/bodies/new");
    await submitWithErrors(tab, "Add board or committee");
    await expectText(page, "Enter the name of the board or committee");
    await expectNoAxeViolations(page);
    await page.getByLabel("Name", { exact: true }).fill("Browser Test Panel");
    await page.getByLabel("Panel", { exact: true }).check();
    await submit(page, "Add board or committee", /\/clerk\/bodies\/[0-9a-f-]{36}\?saved/);
    const bodyUrl = page.url().split("?")[0];
    await expectText(page, "Your changes have been saved.");
    await expectNoAxeViolations(page);

    await tab.open("/clerk/people/new");
    await page.getByLabel("Name", { exact: true }).fill("Brenda Browser");
    await page.getByLabel("Title (optional)").fill("Councillor");
    await submit(page, "Add person", /\/clerk\/people\/[0-9a-f-]{36}\?saved/);
    await expectNoAxeViolations(page);
    await tab.open("/clerk/people?q=brenda");
    await expectText(page, "Brenda Browser");
    await expectNoAxeViolations(page);

    await tab.open(new URL(bodyUrl).pathname);
    await page.getByLabel("Person", { exact: true }).selectOption({ label: "Councillor Brenda Browser" });
    await page.getByLabel("Chair", { exact: true }).check();
    await fillDate(page, "startOn", "1/4/2024");
    await fillDate(page, "endOn", "1/3/2024");
    await submitWithErrors(tab, "Add member");
    await expectText(page, "The end of term must be the same as or after the start of term");
    await expectNoAxeViolations(page);
    await fillDate(page, "endOn", "//");
    await submit(page, "Add member", /\?saved/);
    await expectText(page, "Brenda Browser");
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: /Change the membership of Brenda Browser/ }).click();
    await page.waitForURL(/\/clerk\/memberships\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page);
    await page.getByLabel("Vice-chair", { exact: true }).check();
    await submit(page, "Save changes", /\/clerk\/bodies\/[0-9a-f-]{36}\?saved/);
    await expectText(page, "Vice-chair");
    await page.getByRole("link", { name: /Change the membership of Brenda Browser/ }).click();
    await page.getByRole("link", { name: "Remove this membership" }).click();
    await expectText(page, "Remove this membership?");
    await expectNoAxeViolations(page);

    await tab.open("/bodies/browser-test-panel");
    await expectText(page, "Councillor Brenda Browser, Vice-chair");
  });

  it("gives administrators an accessible settings page", async () => {
    const tab = await newTab();
    const { page } = tab;
    await signIn(tab, "admin");
    await tab.open("/admin");
    await expectText(page, "Settings");
    await tab.open("/admin/settings");
    await expectNoAxeViolations(page);
    await page.getByLabel("Clear days before the meeting").fill("0");
    await submitWithErrors(tab, "Save setting");
    await expectText(page, "The number of clear days must be between 1 and 30");
    await expectNoAxeViolations(page);
  });
});
